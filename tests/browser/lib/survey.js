// Helpers for driving the survey form.

import assert from 'node:assert/strict';

/**
 * A word that, typed into a focused <select>, picks exactly one option: the first word of an option
 * label that no other label starts with. `skip` picks a later candidate, for variety.
 */
export async function typeaheadWord(page, selector, skip = 0) {
  const labels = await page.$$eval(`${selector} option`, (options) =>
    options.filter((o) => o.value !== '').map((o) => ({ value: o.value, label: o.textContent.trim() })),
  );
  const candidates = labels.filter(({ label }) => {
    const word = label.split(/\s+/)[0];
    return /^[A-Za-z]+$/.test(word) && labels.filter((l) => l.label.toLowerCase().startsWith(word.toLowerCase())).length === 1;
  });
  assert.ok(candidates.length > skip, `no option of ${selector} can be picked by typing one word`);
  const pick = candidates[skip];
  return { word: pick.label.split(/\s+/)[0], value: pick.value, label: pick.label };
}

/**
 * Does `action` (a click or key press that submits the form) and waits for the new page. Returns
 * the response to the POST itself (303, 422, 503…), not the page it redirects to.
 */
export async function submitting(page, action) {
  const posted = page.waitForResponse((r) => r.request().method() === 'POST');
  const navigation = page.waitForNavigation({ waitUntil: 'load' });
  await action();
  const [response] = await Promise.all([posted, navigation]);
  return response;
}

/** Submits the form by clicking its button. */
export async function submitByClick(page) {
  return submitting(page, () => page.click('button[type=submit]'));
}

/** Fills in the two required answers (first council area, first concern) with the mouse. */
export async function fillRequiredAnswers(page) {
  await page.selectOption('#council_area', { index: 1 });
  await page.selectOption('#concern_1', { index: 1 });
}
