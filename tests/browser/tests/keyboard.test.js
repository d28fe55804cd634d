// Answering the survey with the keyboard alone: Tab and Shift+Tab between questions, arrow keys in
// radio groups, typing to pick from a select, Enter or Space on the button. Then the error summary:
// focused when the page loads, and each link moves focus to its field.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, focused, openConsultationPath } from '../lib/browser.js';
import { typeaheadWord, submitting } from '../lib/survey.js';

let browser;
let page;
let consultation;

before(async () => {
  browser = await launch();
  page = await browser.newPage();
  consultation = await openConsultationPath(page);
});

after(async () => {
  await browser?.close();
});

async function press(key) {
  await page.keyboard.press(key);
  return focused(page);
}

/** Presses Tab and checks where focus lands. */
async function tabTo(id) {
  const f = await press('Tab');
  assert.equal(f.id, id, `Tab should reach #${id}, reached ${JSON.stringify(f)}`);
  return f;
}

async function valueOf(selector) {
  return page.$eval(selector, (el) => el.value);
}

async function checkedValue(name) {
  return page.$eval(`input[name="${name}"]:checked`, (el) => el.value).catch(() => null);
}

test('a resident can complete the survey with the keyboard alone', async () => {
  await page.goto(`${baseUrl()}${consultation}/survey`);
  const area = await typeaheadWord(page, '#council_area', 2);
  const first = await typeaheadWord(page, '#concern_1', 0);
  const second = await typeaheadWord(page, '#concern_2', 1);
  const asksPostcode = (await page.locator('#postcode_district').count()) === 1;
  const asksAboutYou = (await page.locator('#age_band').count()) === 1;
  const hasHelp = (await page.locator('details.lv-details').count()) === 1;

  // The skip link comes first and takes the resident past the header.
  let f = await press('Tab');
  assert.equal(f.text, 'Skip to main content');
  await press('Enter');
  f = await press('Tab');
  assert.match(f.text, /Easy read version/, 'after the skip link, Tab goes into the main content');

  await tabTo('council_area');
  await page.keyboard.type(area.word);
  assert.equal(await valueOf('#council_area'), area.value, `typing "${area.word}" picks ${area.label}`);

  if (asksPostcode) {
    await tabTo('postcode_district');
    await page.keyboard.type('EH12');
  }

  // Radio groups: Tab enters the group, Space checks, arrows move and check.
  await tabTo('feel_safe');
  await press('Space');
  assert.equal(await checkedValue('feel_safe'), '1');
  for (let i = 0; i < 3; i += 1) await press('ArrowDown');
  assert.equal((await focused(page)).id, 'feel_safe-4');
  assert.equal(await checkedValue('feel_safe'), '4');

  await tabTo('confidence');
  await press('ArrowDown');
  await press('ArrowDown');
  f = await press('ArrowUp');
  assert.equal(f.id, 'confidence-2');
  assert.equal(await checkedValue('confidence'), '2');

  // Shift+Tab goes back to the previous group's checked radio, Tab returns.
  f = await press('Shift+Tab');
  assert.equal(f.id, 'feel_safe-4');
  f = await press('Tab');
  assert.equal(f.id, 'confidence-2');

  // Ranking: one select per place, picked by typing.
  await tabTo('concern_1');
  await page.keyboard.type(first.word);
  assert.equal(await valueOf('#concern_1'), first.value);
  await tabTo('concern_2');
  await page.keyboard.type(second.word);
  assert.equal(await valueOf('#concern_2'), second.value);
  await tabTo('concern_3');

  if (hasHelp) {
    f = await press('Tab');
    assert.equal(f.tag, 'summary', 'the concern explanations can be opened from the keyboard');
    await press('Enter');
    assert.equal(await page.$eval('details.lv-details', (d) => d.open), true);
  }

  await tabTo('comment');
  await page.keyboard.type('More patrols near the school, please.');

  if (asksAboutYou) {
    await tabTo('age_band');
    await press('Space');
    await press('ArrowDown');
    await press('ArrowDown');
    assert.equal(await checkedValue('age_band'), '35-44');
    await tabTo('sex');
    await press('Space');
    assert.equal(await checkedValue('sex'), 'F');
    await tabTo('disability');
    f = await press('ArrowUp');
    assert.equal(await checkedValue('disability'), 'prefer_not_to_say', 'ArrowUp from the first radio wraps to the last');
  }

  f = await press('Tab');
  assert.equal(f.tag, 'button');
  assert.equal(f.text, 'Send my answers');
  const posted = await submitting(page, () => page.keyboard.press('Enter'));
  assert.equal(posted.status(), 303);
  await page.waitForURL(/\/thanks\?ref=[0-9a-f]{8}$/);
  assert.equal(await page.textContent('h1'), 'Thank you — your response has been saved');
  const reference = new URL(page.url()).searchParams.get('ref');
  assert.equal((await page.textContent('.lv-reference')).trim(), reference);
});

/** Whether the top of `selector` is inside the viewport (so the question is visible with its field). */
async function topIsVisible(selector) {
  return page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  });
}

/** The label or legend that names a field. */
async function questionOf(id) {
  return page.$eval(`#${id}`, (el) => {
    const fieldset = el.closest('fieldset');
    if (el.type === 'radio' || (fieldset && el.tagName === 'SELECT' && fieldset.querySelector('legend'))) {
      return `#${el.id} >> xpath=ancestor::fieldset[1]/legend`;
    }
    return `label[for="${el.id}"]`;
  });
}

for (const viewport of [{ width: 1280, height: 900 }, { width: 320, height: 640 }]) {
  test(`an empty submission with Space shows a focused error summary whose links move focus to each field (${viewport.width}px)`, async () => {
    await page.setViewportSize(viewport);
    await page.goto(`${baseUrl()}${consultation}/survey`);
    let f;
    for (let i = 0; i < 100; i += 1) {
      f = await press('Tab');
      if (f.id === 'comment') await page.keyboard.type('Keep this comment');
      if (f.tag === 'button') break;
    }
    assert.equal(f.tag, 'button', 'Tab reaches the submit button');
    const posted = await submitting(page, () => page.keyboard.press('Space'));
    assert.equal(posted.status(), 422);

    assert.match(await page.title(), /^Error: /);
    assert.equal(await page.textContent('.lv-error-summary h2'), 'There is a problem');
    assert.equal(await page.$eval('#error-summary [role=alert]', (el) => el.getAttribute('role')), 'alert');
    f = await focused(page);
    assert.equal(f.id, 'error-summary', 'the error summary has focus when the page loads');
    assert.equal(await valueOf('#comment'), 'Keep this comment', 'answers are kept');

    const hrefs = await page.$$eval('.lv-error-summary a', (links) => links.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.includes('#council_area') && hrefs.includes('#concern_1'), `error links: ${hrefs}`);

    // The first link is the next Tab stop; Enter on it moves focus to the field.
    f = await press('Tab');
    assert.equal(f.tag, 'a');
    f = await press('Enter');
    assert.equal(f.id, hrefs[0].slice(1));

    for (const href of hrefs) {
      const id = href.slice(1);
      await page.focus(`.lv-error-summary a[href="${href}"]`);
      f = await press('Enter');
      assert.equal(f.id, id, `the error link ${href} moves focus to its field`);
      assert.ok(await topIsVisible(await questionOf(id)), `the question for #${id} is on screen when its field has focus`);
      const describedBy = await page.$eval(`#${id}`, (el) => el.getAttribute('aria-describedby') || el.closest('fieldset')?.getAttribute('aria-describedby') || '');
      const errorId = describedBy.split(' ').find((d) => d.endsWith('-error'));
      assert.ok(errorId, `#${id} is described by its error message`);
      const message = (await page.textContent(`#${errorId}`)).replace('Error:', '').trim();
      const linkText = (await page.textContent(`.lv-error-summary a[href="${href}"]`)).trim();
      assert.equal(message, linkText, 'the inline message matches the summary');
    }
  });
}
