import { buildRunReport, parseClientProfile, submitRun, toQueryInputs } from '@citebots/sdk';
import { createTestDatabase, type TestDatabase } from '@citebots/sdk/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { answersCsv } from '../../src/report/csv-report.js';
import { renderHtmlReport } from '../../src/report/html-report.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase('postgres');
}, 120_000);
afterAll(async () => {
  await t?.dispose();
});

it('a run with no answer yet still makes a report that says so, without charts', async () => {
  const { run } = await submitRun(t.db, {
    client: parseClientProfile({ name: 'Acme Mail', domain: 'acmemail.com' }),
    queries: toQueryInputs([{ text: 'best email builder?' }]),
    options: { platforms: ['perplexity'] },
  });
  await t.db.query(
    `UPDATE analysis_queue SET status = 'failed', error_message = 'platform_auth: bad key' WHERE analysis_run_id = $1`,
    [run.id],
  );
  const report = await buildRunReport(t.db, run.id);
  expect(report.answers).toEqual([]);
  expect(report.headline.visibility).toMatchObject({ value: null, n: 0 });
  expect(report.failures).toEqual([
    {
      queryId: expect.any(String),
      query: 'best email builder?',
      platform: 'perplexity',
      error: 'platform_auth: bad key',
    },
  ]);
  expect(report.trend).toEqual([]);
  const html = await renderHtmlReport(report);
  expect(html).not.toContain('data-chart=');
  expect(html).toContain('no answers');
  expect(html).toContain('Failed (1)');
  expect(html).toContain('platform_auth: bad key');
  expect(answersCsv(report).split('\r\n').filter(Boolean)).toHaveLength(1);
});
