// axe (WCAG 2.0, 2.1 and 2.2, levels A and AA) over the analyst evidence pack page, filled with
// responses posted here (so every section has tables, charts and quotes) and with one council
// area left under the suppression threshold. Zero violations; also checks the page's structure.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, expectNoAxeViolations } from '../lib/browser.js';

const CONSULTATION = 'your-police-2026';
// J: East Lothian, Midlothian and West Lothian get enough responses; the Scottish Borders gets 3
// (run.sh leaves it 3 of its demo responses, so it stays under the suppression threshold of 10).
const AREAS = { S12000010: 60, S12000019: 60, S12000040: 60, S12000026: 3 };
const CONCERNS = [
  'drug_dealing', 'antisocial_behaviour', 'youth_disorder', 'vandalism', 'violence', 'hate_crime', 'domestic_abuse',
  'sexual_crime', 'child_exploitation', 'vulnerable_people', 'housebreaking', 'vehicle_crime', 'shoplifting',
  'doorstep_crime', 'online_fraud', 'rural_crime', 'organised_crime', 'speeding', 'drink_drug_driving',
  'nuisance_vehicles', 'terrorism',
];
const BANDS = ['16-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75+'];
const COMMENTS = [
  'We never see a police patrol on our street any more.',
  'Speeding through the village every night, boy racers everywhere.',
  'Drug dealing outside the shops, everybody knows about it.',
  'Scam texts about parcels nearly every day, my mum was caught out.',
];

let browser;
let page;

// A small deterministic generator, so answers do not line up with age or sex (answers that are
// perfectly determined by a weighting variable are not what residents give).
let state = 20261202;
function next(n) {
  state = (state * 1103515245 + 12345) % 2147483648;
  return Math.floor((state / 2147483648) * n);
}

async function postResponses() {
  let i = 0;
  for (const [area, count] of Object.entries(AREAS)) {
    for (let k = 0; k < count; k += 1, i += 1) {
      const ranked = [...new Set([CONCERNS[next(21)], CONCERNS[next(21)], CONCERNS[next(21)]])];
      const body = {
        council_area: area,
        feel_safe: 1 + next(5),
        confidence: 1 + next(5),
        concerns: ranked,
        age_band: BANDS[next(7)],
        sex: next(2) === 0 ? 'F' : 'M',
        comment: COMMENTS[next(COMMENTS.length)],
      };
      const res = await fetch(`${baseUrl()}/api/v1/consultations/${CONSULTATION}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(res.status, 201, await res.text());
    }
  }
}

before(async () => {
  await postResponses();
  browser = await launch();
  page = await browser.newPage();
});

after(async () => {
  await browser?.close();
});

test('the evidence pack page has no accessibility violations', async () => {
  const response = await page.goto(`${baseUrl()}/analyst/evidence-pack?consultation=${CONSULTATION}&division=J`);
  assert.equal(response.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'en-GB');
  assert.equal(await page.locator('h1').count(), 1);
  assert.ok((await page.locator('svg[role="img"] title').count()) >= 1, 'charts have titles');
  assert.ok((await page.locator('table caption').count()) >= 5, 'tables have captions');
  const suppressed = await page.locator('text=Comments from Scottish Borders are suppressed').count();
  assert.equal(suppressed, 1, 'the small area is suppressed in words');
  await expectNoAxeViolations(page, 'evidence pack');
});

test('the evidence pack error page has no accessibility violations', async () => {
  const response = await page.goto(`${baseUrl()}/analyst/evidence-pack?consultation=${CONSULTATION}&division=Z`);
  assert.equal(response.status(), 404);
  await expectNoAxeViolations(page, 'evidence pack error page');
});
