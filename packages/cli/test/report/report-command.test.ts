import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv, type RunReport } from '@citebots/sdk';
import { createTestDatabase, type TestDatabase } from '@citebots/sdk/testing';
import type { Interfaces } from '@oclif/core';
import { runCommand } from '@oclif/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type AnalysedRuns, createAnalysedRuns, HOSTILE_NAME } from './support/analysed-runs.js';
import { sourceCliConfig } from './support/cli-config.js';

let dir: string;
let t: TestDatabase;
let runs: AnalysedRuns;
let cli: Interfaces.LoadOptions;
const saved = { DATABASE_URL: process.env.DATABASE_URL, CITEBOTS_DATA_DIR: process.env.CITEBOTS_DATA_DIR };

beforeAll(async () => {
  delete process.env.DATABASE_URL;
  delete process.env.CITEBOTS_DATA_DIR;
  cli = sourceCliConfig();
  dir = mkdtempSync(join(tmpdir(), 'citebots-report-'));
  t = await createTestDatabase('postgres');
  runs = await createAnalysedRuns(t.db);
}, 240_000);

afterAll(async () => {
  Object.assign(process.env, saved);
  await t?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const latest = () => runs.runIds[runs.runIds.length - 1]!;

describe('citebots report', () => {
  it('writes a self-contained HTML report with charts, escaped answers and no external resource', async () => {
    const out = join(dir, 'r.html');
    const { error, result, stderr } = await runCommand<{ files: string[]; answers: number }>(
      ['report', latest(), '--database-url', t.url!, '--out', out],
      cli,
    );
    expect(error).toBeUndefined();
    expect(result?.files).toEqual([out]);
    expect(stderr).toContain(`Wrote ${out}`);
    const html = readFileSync(out, 'utf8');
    for (const id of ['headline', 'platforms', 'competitors', 'citations', 'pages', 'trend', 'answers']) {
      expect(html).toContain(`<section id="${id}">`);
    }
    // Charts: SVG rendered at build time, one per figure.
    for (const chart of [
      'visibility-by-platform',
      'share-of-voice-by-platform',
      'share-of-voice-by-brand',
      'top-cited-domains',
      'trend-over-runs',
    ]) {
      expect(html).toContain(`data-chart="${chart}"`);
    }
    // Nothing the answers or names contain becomes markup.
    expect(html).not.toContain('<script>window.__pwned');
    expect(html).not.toMatch(/<img[^>]*onerror/i);
    expect(html).not.toMatch(/<svg onload/i);
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('&lt;script&gt;window.__pwned=2&lt;/script&gt;');
    expect(html).toContain('Evil &lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt; Co');
    // One script, ours, allowed by nonce; a CSP that forbids any fetch.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toMatch(/<script nonce="[^"]+">/);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<(?:link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/\ssrc="/i);
    // Page SEO findings from page_analyses, the client's own page marked.
    expect(html).toContain('Not indexable (noindex)');
    expect(html).toContain('Thin content (180 words)');
    expect(html).toContain('Could not be analysed: timeout');
  });

  it('--format json prints the report model: intervals, per-platform figures, a trend over both runs', async () => {
    const { stdout, error } = await runCommand(
      ['report', latest(), '--database-url', t.url!, '--format', 'json'],
      cli,
    );
    expect(error).toBeUndefined();
    const report = JSON.parse(stdout) as RunReport;
    expect(report.schemaVersion).toBe(1);
    expect(report.run.id).toBe(latest());
    expect(report.simulated).toBe(true);
    const v = report.headline.visibility;
    expect(v.n).toBe(report.headline.answers);
    expect(v.ci!.lower).toBeLessThanOrEqual(v.value!);
    expect(v.ci!.upper).toBeGreaterThanOrEqual(v.value!);
    expect(report.byPlatform.map((p) => p.platform)).toEqual(['chatgpt', 'perplexity']);
    expect(report.trend.map((t) => t.runId)).toEqual(runs.runIds);
    expect(report.brands.map((b) => b.name)).toContain(HOSTILE_NAME);
    expect(report.pages.find((p) => p.url === 'https://acmemail.com/pricing')?.isClient).toBe(true);
    // 5 queries x 2 platforms from the fake engine, plus the inserted hostile answer.
    expect(report.answers).toHaveLength(11);
    const mentioned = report.answers.find((a) => a.mentioned && a.mentionType !== 'citation');
    expect(mentioned?.excerpts[0]).toMatch(/Acme Mail/);
  });

  it('--format csv writes one row per answer and, with --pages-out, one row per cited page', async () => {
    const out = join(dir, 'answers.csv');
    const pagesOut = join(dir, 'pages.csv');
    const { error } = await runCommand(
      [
        'report',
        latest(),
        '--database-url',
        t.url!,
        '--format',
        'csv',
        '--out',
        out,
        '--pages-out',
        pagesOut,
      ],
      cli,
    );
    expect(error).toBeUndefined();
    const rows = parseCsv(readFileSync(out, 'utf8'));
    expect(rows[0]).toContain('mentioned');
    expect(rows.length - 1).toBe(11);
    const hostile = rows.find((r) => r.includes('Is <b>Acme Mail</b> "safe"?'));
    expect(hostile).toBeDefined();
    // A cell that starts like a formula is defused.
    const excerpt = hostile![rows[0]!.indexOf('excerpt')]!;
    expect(excerpt.startsWith('=')).toBe(false);
    const pages = parseCsv(readFileSync(pagesOut, 'utf8'));
    const urls = pages.slice(1).map((r) => r[1]);
    expect(new Set(urls).size).toBe(urls.length);
    expect(urls).toContain('https://acmemail.com/pricing');
    const pricing = pages.find((r) => r[1] === 'https://acmemail.com/pricing')!;
    expect(pricing[pages[0]!.indexOf('findings')]).toContain('Not indexable');
  });

  it('accepts `latest` and says what to do for an unknown run (exit 8)', async () => {
    const ok = await runCommand<{ runId: string }>(
      ['report', 'latest', '--database-url', t.url!, '--out', join(dir, 'l.html'), '--json'],
      cli,
    );
    expect(ok.result?.runId).toBe(latest());
    const missing = await runCommand(
      ['report', '00000000-0000-4000-8000-000000000000', '--database-url', t.url!],
      cli,
    );
    expect(process.exitCode).toBe(8);
    process.exitCode = 0;
    expect(missing.stderr).toContain('citebots runs list');
  });
});
