// Shared set-up for the browser suite: Debian's Chromium driven by playwright-core (no browser
// download), a fresh temporary profile per launch, the base URL of a running LocalVoice, and axe.
//
// Environment: LOCALVOICE_URL (required: the running service, e.g. http://127.0.0.1:8080),
// CHROMIUM_PATH (default /usr/bin/chromium).

import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export const SCREENSHOT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

/** The running LocalVoice. The suite fails (never skips) without one. */
export function baseUrl() {
  const url = process.env.LOCALVOICE_URL;
  assert.ok(url, 'LOCALVOICE_URL is not set: run tests/browser/run.sh, or start LocalVoice and set it');
  return url.replace(/\/+$/, '');
}

/**
 * Launches Chromium with a new empty profile. Returns the context and a `close` that also removes
 * the profile. `options` go to the context (viewport, bypassCSP…).
 */
export async function launch(options = {}) {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  assert.ok(existsSync(executablePath), `Chromium not found at ${executablePath} (apt-get install -y chromium)`);
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'localvoice-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  return {
    context,
    async newPage() {
      return context.newPage();
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Formats axe violations in full: rule, impact, help, and every failing node with its HTML. */
export function describeViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    - target: ${JSON.stringify(n.target)}\n      html: ${n.html}\n      ${(n.failureSummary || '').replace(/\n/g, '\n      ')}`)
        .join('\n');
      return `  ${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}\n    tags: ${v.tags.join(', ')}\n${nodes}`;
    })
    .join('\n');
}

/** Runs axe with the WCAG 2.0–2.2 A/AA tags on the page as it is now; fails on any violation. */
export async function expectNoAxeViolations(page, name) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = describeViolations(results.violations);
  if (results.violations.length > 0) {
    console.log(`axe: ${results.violations.length} violation(s) on ${name} (${page.url()}):\n${report}`);
  }
  const review = results.incomplete.map((r) => r.id);
  console.log(
    `axe: ${name}: ${results.violations.length} violations, ${results.passes.length} rules passed` +
      (review.length ? `, needs review: ${review.join(', ')}` : ''),
  );
  assert.equal(results.violations.length, 0, `axe found violations on ${name}:\n${report}`);
}

/** The id (or tag and text) of the focused element, for keyboard assertions. */
export async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { id: '', tag: 'body', text: '' };
    return {
      id: el.id || '',
      tag: el.tagName.toLowerCase(),
      name: el.getAttribute('name') || '',
      type: el.getAttribute('type') || '',
      text: (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 80),
      value: 'value' in el ? el.value : '',
      checked: 'checked' in el ? el.checked : false,
    };
  });
}

/** Finds an open consultation from the landing page's "Start now" links; fails if there is none. */
export async function openConsultationPath(page) {
  await page.goto(`${baseUrl()}/`);
  const href = await page.locator('a.lv-button--start').first().getAttribute('href').catch(() => null);
  assert.ok(href, 'the landing page lists no open consultation: the browser suite needs one (see survey-defs/)');
  return href;
}

export function ensureScreenshotDir() {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return SCREENSHOT_DIR;
}
