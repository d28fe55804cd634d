// The analyst results pages: axe (WCAG 2.0, 2.1 and 2.2, levels A and AA) over the choice form, the
// results for a police division and for a council area, both comparisons (previous wave, council
// area against the rest of its division) and an error page, with zero violations; and the form
// used with the keyboard alone, landing on results whose SVG chart is named and described and
// shows the same figures as the table. Needs responses to the open consultation and its previous
// wave (run.sh loads `localvoice demo` data).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, expectNoAxeViolations, focused, openConsultationPath } from '../lib/browser.js';

// Council areas used below: Glasgow City (G Division), Midlothian and East Lothian (J Division).
const GLASGOW = 'S12000049';
const MIDLOTHIAN = 'S12000019';
const EAST_LOTHIAN = 'S12000010';

let browser;
let page;
let consultation;

before(async () => {
  browser = await launch();
  page = await browser.newPage();
  const path = await openConsultationPath(page);
  consultation = path.split('/').filter(Boolean).pop();
  assert.ok(consultation, `no consultation id in ${path}`);
});

after(async () => {
  await browser?.close();
});

/** Opens `path` (following redirects), checks the final status, and returns the response. */
async function open(path, status = 200) {
  const response = await page.goto(`${baseUrl()}${path}`);
  assert.equal(response.status(), status, `${path} answered ${response.status()}`);
  return response;
}

function results(query) {
  return `/analyst/results?consultation=${encodeURIComponent(consultation)}&${query}`;
}

/** The concerns table, row by row: rank, label and the top-N share as written. */
async function concernsTable() {
  return page.$$eval('table:has(#concerns-caption) tbody tr', (rows) =>
    rows.map((tr) => {
      const td = tr.querySelectorAll('td');
      return {
        rank: td[0].textContent.trim(),
        label: tr.querySelector('th').textContent.trim(),
        shareTopN: td[1].textContent.trim(),
      };
    }),
  );
}

/** The chart, row by row: label (lines joined) and the value or note written beside the bar. */
async function chartRows() {
  return page.$$eval('svg.lv-chart__svg g.lv-chart__row', (groups) =>
    groups.map((g) => ({
      label: [...g.querySelectorAll('.lv-chart__label')].map((t) => t.textContent.trim()).join(' '),
      value: g.querySelector('.lv-chart__value')?.textContent.trim() ?? null,
      note: g.querySelector('.lv-chart__note')?.textContent.trim() ?? null,
    })),
  );
}

test('the choice form has no accessibility violations', async () => {
  await open('/analyst');
  assert.equal(await page.locator('form[action="/analyst/results"]').count(), 1);
  await expectNoAxeViolations(page, 'analyst choice form');
  await open(`/analyst?consultation=${encodeURIComponent(consultation)}&place=division%3AJ&compare_with=previous`);
  await expectNoAxeViolations(page, 'analyst choice form, filled in');
});

test('results for a police division have no accessibility violations', async () => {
  await open(results('division=J'));
  assert.match(await page.textContent('h1'), /Lothians and Scottish Borders/);
  assert.ok((await concernsTable()).length > 0, 'the division has ranked concerns');
  assert.equal(await page.locator('svg.lv-chart__svg').count(), 1, 'the division has a chart');
  await expectNoAxeViolations(page, 'results for J Division');
});

test('results for a council area have no accessibility violations', async () => {
  await open(results(`area=${GLASGOW}`));
  assert.equal((await page.textContent('h1')).trim(), 'Glasgow City');
  assert.equal(await page.locator('svg.lv-chart__svg').count(), 1);
  await expectNoAxeViolations(page, 'results for Glasgow City');
});

test('the comparison with the previous wave has no accessibility violations', async () => {
  await open(results(`area=${GLASGOW}&compare_with=previous`));
  const url = new URL(page.url());
  assert.notEqual(url.searchParams.get('compare_with'), 'previous', 'redirected to the address naming the wave');
  assert.ok(url.searchParams.get('compare_with'), 'the comparison is kept');
  assert.ok((await page.locator('table.lv-table').count()) >= 2, 'a comparison table follows the concerns table');
  await expectNoAxeViolations(page, 'Glasgow City against the previous wave');
});

test('a council area compared with the rest of its division has no accessibility violations', async () => {
  await open(results(`area=${EAST_LOTHIAN}&compare_with=division`));
  assert.equal((await page.textContent('h1')).trim(), 'East Lothian');
  assert.ok((await page.locator('table.lv-table').count()) >= 2, 'a comparison table follows the concerns table');
  await expectNoAxeViolations(page, 'East Lothian against the rest of J Division');
});

test('possible duplicates and bursts for a police division have no accessibility violations', async () => {
  await open(results('division=J'));
  await page.click('a[href^="/analyst/screening?"]');
  await page.waitForURL(/\/analyst\/screening\?/);
  assert.match(await page.textContent('h1'), /Possible duplicates and bursts: Lothians and Scottish Borders/);
  assert.equal(await page.locator('table:has(#areas-caption) tbody tr').count(), 4, 'one row per council area of J');
  await expectNoAxeViolations(page, 'duplicates and bursts for J Division');
});

test('the error page for an unknown area has no accessibility violations', async () => {
  await open(results('area=Atlantis'), 404);
  assert.match(await page.textContent('main'), /Atlantis/);
  await expectNoAxeViolations(page, 'analyst error page (unknown area)');
});

async function press(key) {
  await page.keyboard.press(key);
  return focused(page);
}

/** Tabs forward (at most `limit` times) until the element with `id` has focus. */
async function tabUntil(id, limit = 40) {
  for (let i = 0; i < limit; i += 1) {
    const f = await press('Tab');
    if (f.id === id) return f;
  }
  assert.fail(`Tab never reached #${id}`);
}

/** Picks `value` in the focused closed <select> with Home and the arrow keys. */
async function pickWithArrows(id, value) {
  const options = await page.$$eval(`#${id} option`, (os) => os.map((o) => o.value));
  assert.ok(options.includes(value), `#${id} has no option ${value}`);
  await press('Home');
  for (let i = 0; i < options.length; i += 1) {
    if ((await page.$eval(`#${id}`, (el) => el.value)) === value) return;
    await press('ArrowDown');
  }
  assert.equal(await page.$eval(`#${id}`, (el) => el.value), value, `the arrow keys reach ${value} in #${id}`);
}

test('an analyst can choose a consultation and area with the keyboard alone and read the same figures in chart and table', async () => {
  await open('/analyst');
  let f = await press('Tab');
  assert.equal(f.text, 'Skip to main content', 'the skip link comes first');
  await press('Enter');

  await tabUntil('consultation');
  await pickWithArrows('consultation', consultation);
  f = await press('Tab');
  assert.equal(f.id, 'place', 'the area comes next');
  await pickWithArrows('place', `area:${MIDLOTHIAN}`);
  f = await press('Tab');
  assert.equal(f.id, 'compare_with', 'then the comparison');
  assert.equal(f.value, '', 'no comparison unless one is chosen');
  f = await press('Tab');
  assert.equal(f.tag, 'button');
  assert.equal(f.text, 'Show results');

  await Promise.all([page.waitForURL(/\/analyst\/results\?/), page.keyboard.press('Enter')]);
  await page.waitForLoadState('load');
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('consultation'), consultation);
  assert.equal(url.searchParams.get('area'), MIDLOTHIAN, `landed on ${page.url()}`);
  assert.equal((await page.textContent('h1')).trim(), 'Midlothian');

  // The chart is an image named by its <title> and described by its <desc>.
  const svg = await page.$eval('svg.lv-chart__svg', (el) => ({
    role: el.getAttribute('role'),
    labelledBy: el.getAttribute('aria-labelledby'),
    describedBy: el.getAttribute('aria-describedby'),
    title: el.querySelector(':scope > title')?.textContent.trim() ?? '',
    titleId: el.querySelector(':scope > title')?.id ?? '',
    desc: el.querySelector(':scope > desc')?.textContent.trim() ?? '',
    descId: el.querySelector(':scope > desc')?.id ?? '',
  }));
  assert.equal(svg.role, 'img');
  assert.ok(svg.title.length > 0, 'the chart has a <title>');
  assert.ok(svg.desc.length > 0, 'the chart has a <desc>');
  assert.equal(svg.labelledBy, svg.titleId, 'the chart is labelled by its <title>');
  assert.equal(svg.describedBy, svg.descId, 'the chart is described by its <desc>');

  // Every bar's concern, order and value are the table's.
  const table = await concernsTable();
  const chart = await chartRows();
  assert.ok(table.length > 0, 'the table lists concerns');
  assert.equal(chart.length, table.length, 'one chart row per table row');
  let drawn = 0;
  chart.forEach((row, i) => {
    const t = table[i];
    assert.equal(t.rank, String(i + 1));
    assert.equal(row.label, `${i + 1}. ${t.label}`, `chart row ${i + 1} is the table's concern`);
    if (row.value !== null) {
      drawn += 1;
      assert.ok(
        t.shareTopN.startsWith(`${row.value} (`),
        `${t.label}: the chart says ${row.value}, the table ${t.shareTopN}`,
      );
    } else {
      assert.equal(row.note, t.shareTopN, `${t.label}: a concern without a bar says why, as the table does`);
    }
  });
  assert.ok(drawn > 0, 'at least one concern has a bar');
  const first = table[0];
  if (chart[0].value !== null) {
    assert.ok(svg.desc.includes(`${first.label}: ${first.shareTopN}`), `the description names the first concern: ${svg.desc}`);
  }

  // The table can be reached and scrolled from the keyboard.
  const region = await page.$eval('div.lv-table-wrap[role=region]', (el) => el.getAttribute('tabindex'));
  assert.equal(region, '0', 'the scrollable table takes keyboard focus');
});
