import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildRunReport } from '@citebots/sdk';
import { createTestDatabase, type TestDatabase } from '@citebots/sdk/testing';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/report/html-report.js';
import { createAnalysedRuns } from './support/analysed-runs.js';

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
const ci = process.env.CI === 'true';
if (!present && !ci) {
  console.warn(
    `report-browser.test.ts skipped: ${CHROMIUM} is absent (install it with apt-get install -y chromium; under CI=true this test fails instead).`,
  );
}

describe.skipIf(!present && !ci)('the HTML report in headless Chromium', () => {
  let t: TestDatabase;
  let dir: string;
  let file: string;
  let context: BrowserContext;

  beforeAll(async () => {
    if (!present)
      throw new Error(
        `CI=true but ${CHROMIUM} is absent: add \`apt-get install -y chromium\` to the CI image.`,
      );
    dir = mkdtempSync(join(tmpdir(), 'citebots-browser-'));
    t = await createTestDatabase('postgres');
    const runs = await createAnalysedRuns(t.db);
    const report = await buildRunReport(t.db, runs.runIds[runs.runIds.length - 1]!);
    file = join(dir, 'report.html');
    writeFileSync(file, await renderHtmlReport(report));
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      viewport: { width: 1280, height: 900 },
    });
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await t?.dispose();
    // The screenshot stays for a person to look at when CITEBOTS_KEEP_SCREENSHOT is set.
    if (dir && !process.env.CITEBOTS_KEEP_SCREENSHOT) rmSync(dir, { recursive: true, force: true });
  });

  it('opens with no console error, no network request, no injected script, and draws every chart', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    const url = pathToFileURL(file).href;
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(300);

    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    expect(
      await page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned),
    ).toBeUndefined();

    const banner = page.locator('#simulated');
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.textContent()).toContain('SIMULATED');

    const charts = page.locator('svg[data-chart]');
    expect(await charts.count()).toBe(5);
    for (let i = 0; i < 5; i++) {
      const chart = charts.nth(i);
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      expect(box?.height).toBeGreaterThan(40);
      // Marks were drawn: bars (paths) and axis text, not an empty frame.
      expect(await chart.locator('path').count()).toBeGreaterThan(2);
      expect(await chart.locator('text').count()).toBeGreaterThan(2);
    }
    // The competitor named with markup shows as text in the brand chart.
    expect(
      await page.locator('svg[data-chart="share-of-voice-by-brand"] text', { hasText: 'Evil <img' }).count(),
    ).toBe(1);

    // The table filter (the report's one script) works.
    const rows = page.locator('#answers tbody tr');
    const all = await rows.count();
    await page.fill('#answer-filter', 'Marketo');
    const visible = await page.locator('#answers tbody tr:not([hidden])').count();
    expect(visible).toBeGreaterThan(0);
    expect(visible).toBeLessThan(all);
    await page.fill('#answer-filter', '');

    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(50_000);
    if (process.env.CITEBOTS_KEEP_SCREENSHOT) console.log(`screenshot: ${shot}`);
    await page.close();
  });
});
