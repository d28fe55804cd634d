// axe (WCAG 2.0, 2.1 and 2.2, levels A and AA) over every resident-facing page, in each state a
// resident meets: empty survey, survey showing errors, easy read, confirmation. Zero violations.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, expectNoAxeViolations, openConsultationPath } from '../lib/browser.js';
import { submitByClick, fillRequiredAnswers } from '../lib/survey.js';

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

test('the landing page has no accessibility violations', async () => {
  const response = await page.goto(`${baseUrl()}/`);
  assert.equal(response.status(), 200);
  await expectNoAxeViolations(page, 'landing page');
});

test('the start page has no accessibility violations', async () => {
  const response = await page.goto(`${baseUrl()}${consultation}`);
  assert.equal(response.status(), 200);
  await expectNoAxeViolations(page, 'start page');
});

test('the empty survey has no accessibility violations', async () => {
  const response = await page.goto(`${baseUrl()}${consultation}/survey`);
  assert.equal(response.status(), 200);
  await expectNoAxeViolations(page, 'survey');
});

test('the survey showing errors after an empty submission has no accessibility violations', async () => {
  await page.goto(`${baseUrl()}${consultation}/survey`);
  const posted = await submitByClick(page);
  assert.equal(posted.status(), 422);
  assert.match(await page.title(), /^Error: /);
  assert.equal(await page.locator('.lv-error-summary').count(), 1);
  await expectNoAxeViolations(page, 'survey with errors');
});

test('the easy read survey has no accessibility violations', async () => {
  const response = await page.goto(`${baseUrl()}${consultation}/easy-read`);
  assert.equal(response.status(), 200);
  assert.equal(await page.getAttribute('html', 'class'), 'lv-easy-read');
  await expectNoAxeViolations(page, 'easy read survey');
});

test('the easy read survey showing errors has no accessibility violations', async () => {
  await page.goto(`${baseUrl()}${consultation}/easy-read`);
  const posted = await submitByClick(page);
  assert.equal(posted.status(), 422);
  await expectNoAxeViolations(page, 'easy read survey with errors');
});

test('the confirmation page has no accessibility violations', async () => {
  await page.goto(`${baseUrl()}${consultation}/survey`);
  await fillRequiredAnswers(page);
  const posted = await submitByClick(page);
  assert.equal(posted.status(), 303);
  await page.waitForURL(/\/thanks\?ref=[0-9a-f]{8}$/);
  assert.equal(await page.textContent('h1'), 'Thank you — your response has been saved');
  await expectNoAxeViolations(page, 'confirmation page');
});

test('the easy read confirmation page has no accessibility violations', async () => {
  await page.goto(`${baseUrl()}${consultation}/easy-read`);
  await fillRequiredAnswers(page);
  const posted = await submitByClick(page);
  assert.equal(posted.status(), 303);
  await page.waitForURL(/\/thanks\?ref=[0-9a-f]{8}&version=easy-read$/);
  await expectNoAxeViolations(page, 'easy read confirmation page');
});

test('a form refused as automated is shown again with the answers and has no accessibility violations', async () => {
  await page.goto(`${baseUrl()}${consultation}/survey`);
  await fillRequiredAnswers(page);
  await page.fill('#comment', 'Speeding outside the school');
  // What a form-filling script does: fill the honeypot that people never see.
  await page.locator('#website').evaluate((el) => { el.value = 'http://spam.example'; });
  const posted = await submitByClick(page);
  assert.equal(posted.status(), 400);
  assert.equal(await page.textContent('.lv-notice__title'), 'Your answers have not been saved yet');
  assert.equal(await page.inputValue('#comment'), 'Speeding outside the school');
  assert.equal(await page.inputValue('#website'), '');
  await expectNoAxeViolations(page, 'survey refused as automated');
  // A person simply sends it again.
  const again = await submitByClick(page);
  assert.equal(again.status(), 303);
});

test('the accessibility statement and the page-not-found page have no accessibility violations', async () => {
  let response = await page.goto(`${baseUrl()}/accessibility`);
  assert.equal(response.status(), 200);
  await expectNoAxeViolations(page, 'accessibility statement');
  response = await page.goto(`${baseUrl()}/no-such-page`);
  assert.equal(response.status(), 404);
  assert.match(response.headers()['content-type'], /^text\/html/);
  await expectNoAxeViolations(page, 'page not found');
});

test('a closed consultation, if there is one, has no accessibility violations', async () => {
  await page.goto(`${baseUrl()}/`);
  const closed = page.locator('.lv-tag--closed');
  if ((await closed.count()) === 0) {
    console.log('no closed consultation listed: nothing to check');
    return;
  }
  const href = await closed.first().locator('xpath=ancestor::li').locator('a').first().getAttribute('href');
  let response = await page.goto(`${baseUrl()}${href}`);
  assert.equal(response.status(), 200);
  await expectNoAxeViolations(page, 'closed consultation start page');
  response = await page.goto(`${baseUrl()}${href}/survey`);
  assert.equal(response.status(), 409);
  await expectNoAxeViolations(page, 'closed consultation survey');
});
