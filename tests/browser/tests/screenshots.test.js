// Screenshots at 320 px (the WCAG reflow width) and at desktop width, saved in screenshots/ for a
// person to look at; and a check that nothing scrolls sideways at 320 px.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, baseUrl, openConsultationPath, ensureScreenshotDir } from '../lib/browser.js';
import { submitByClick, fillRequiredAnswers } from '../lib/survey.js';

const WIDTHS = [
  { name: 'mobile-320', viewport: { width: 320, height: 640 } },
  { name: 'desktop-1280', viewport: { width: 1280, height: 900 } },
];

let browser;
let consultation;
let dir;

before(async () => {
  browser = await launch();
  const page = await browser.newPage();
  consultation = await openConsultationPath(page);
  await page.close();
  dir = ensureScreenshotDir();
});

after(async () => {
  await browser?.close();
});

async function shoot(page, width, name) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow}px at ${width.viewport.width}px wide`);
  await page.screenshot({ path: path.join(dir, `${width.name}-${name}.png`), fullPage: true });
}

for (const width of WIDTHS) {
  test(`pages fit and are captured at ${width.viewport.width}px wide`, async () => {
    const page = await browser.newPage();
    await page.setViewportSize(width.viewport);
    await page.goto(`${baseUrl()}/`);
    await shoot(page, width, 'landing');
    await page.goto(`${baseUrl()}${consultation}`);
    await shoot(page, width, 'start');
    await page.goto(`${baseUrl()}${consultation}/survey`);
    await shoot(page, width, 'survey');
    await submitByClick(page);
    await shoot(page, width, 'survey-errors');
    await fillRequiredAnswers(page);
    await submitByClick(page);
    await page.waitForURL(/\/thanks\?/);
    await shoot(page, width, 'thanks');
    await page.goto(`${baseUrl()}${consultation}/easy-read`);
    await shoot(page, width, 'easy-read');
    await fillRequiredAnswers(page);
    await submitByClick(page);
    await page.waitForURL(/\/thanks\?/);
    await shoot(page, width, 'easy-read-thanks');
    await page.close();
  });
}
