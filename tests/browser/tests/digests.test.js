// The community-council digest pages: axe (WCAG 2.2 AA) on the sign-up form, the form showing
// errors, "check your email", a used confirmation link, and the unsubscribe page and its result;
// signing up and unsubscribing with the keyboard alone.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, baseUrl, expectNoAxeViolations, focused } from '../lib/browser.js';

let browser;
let page;

before(async () => {
  browser = await launch();
  page = await browser.newPage();
});

after(async () => {
  await browser?.close();
});

async function tabTo(id) {
  await page.keyboard.press('Tab');
  const f = await focused(page);
  assert.equal(f.id, id, `Tab should reach #${id}, reached ${JSON.stringify(f)}`);
}

test('the sign-up page has no accessibility violations', async () => {
  const response = await page.goto(`${baseUrl()}/digests`);
  assert.equal(response.status(), 200);
  await expectNoAxeViolations(page, 'digest sign-up');
});

test('the sign-up page showing errors has no accessibility violations and focuses the summary', async () => {
  await page.goto(`${baseUrl()}/digests`);
  const [posted] = await Promise.all([
    page.waitForNavigation(),
    page.click('button[type="submit"]'),
  ]);
  assert.equal(posted.status(), 400);
  assert.equal(await page.locator('.lv-error-summary').count(), 1);
  const f = await focused(page);
  assert.equal(f.id, 'error-summary');
  await expectNoAxeViolations(page, 'digest sign-up with errors');
});

test('a community council can sign up with the keyboard alone', async () => {
  await page.goto(`${baseUrl()}/digests`);
  await page.focus('body');
  // Skip link, service name, then the form.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await tabTo('email');
  await page.keyboard.type('secretary@keyboard-cc.example.org');
  await tabTo('council_area');
  await page.keyboard.type('Midlothian');
  await tabTo('community_council');
  await page.keyboard.type('Keyboard Community Council');
  await tabTo('postcode_districts');
  await page.keyboard.type('EH18');
  await tabTo('frequency');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.$eval('input[name="frequency"]:checked', (el) => el.value), 'weekly');
  await page.keyboard.press('Tab');
  const f = await focused(page);
  assert.equal(f.tag, 'button');
  const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.equal(response.status(), 200);
  assert.match(await page.textContent('h1'), /Check your email/);
  await expectNoAxeViolations(page, 'check your email');
});

test('a confirmation link that does not work says so accessibly', async () => {
  const response = await page.goto(`${baseUrl()}/digests/confirm/not-a-real-token`);
  assert.equal(response.status(), 404);
  await expectNoAxeViolations(page, 'confirmation link not valid');
});

/** The path of a List-Unsubscribe link in one of the demo's example digests. */
function unsubscribePath(mailDir) {
  for (const name of fs.readdirSync(mailDir).filter((n) => n.endsWith('.eml'))) {
    const text = fs.readFileSync(path.join(mailDir, name), 'utf8');
    const match = text.match(/^List-Unsubscribe: <([^>]+)>/m);
    if (match) return new URL(match[1]).pathname;
  }
  return null;
}

test('the unsubscribe page asks first, and the keyboard unsubscribes', { skip: !process.env.LOCALVOICE_MAIL_DIR && 'LOCALVOICE_MAIL_DIR is not set (a server started elsewhere)' }, async () => {
  const link = unsubscribePath(process.env.LOCALVOICE_MAIL_DIR);
  assert.ok(link, `an example digest with List-Unsubscribe in ${process.env.LOCALVOICE_MAIL_DIR}`);
  const response = await page.goto(`${baseUrl()}${link}`);
  assert.equal(response.status(), 200);
  await expectNoAxeViolations(page, 'unsubscribe page');
  await page.focus('form button');
  const [done] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.equal(done.status(), 200);
  assert.match(await page.textContent('h1'), /You have unsubscribed/);
  await expectNoAxeViolations(page, 'unsubscribed');
});
