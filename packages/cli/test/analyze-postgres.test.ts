import { createTestDatabase, type TestDatabase } from '@citebots/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PerplexityFixtureServer,
  startPerplexityFixtureServer,
} from './support/perplexity-fixture-server.js';
import { runCli, tempDir, writeInputs } from './support/run-cli.js';

const QUERIES = [
  'What is the best email builder for Marketo users?',
  'Which tools do teams use to test emails before sending?',
  'Best way to keep enterprise email templates on brand?',
];

let server: PerplexityFixtureServer;
let test: TestDatabase;
let env: Record<string, string | undefined>;
let files: { client: string; queries: string };

beforeAll(async () => {
  server = await startPerplexityFixtureServer();
  test = await createTestDatabase('postgres');
  files = writeInputs(tempDir(), QUERIES);
  env = {
    DATABASE_URL: test.url!,
    CITEBOTS_DATA_DIR: undefined,
    PERPLEXITY_API_KEY: 'pplx-cli-pg-key-0002',
    PERPLEXITY_BASE_URL: server.url,
    PERPLEXITY_MODEL: undefined,
  };
});

afterAll(async () => {
  await server?.close();
  await test?.dispose();
});

describe('citebots analyze on PostgreSQL (DATABASE_URL)', { timeout: 180_000 }, () => {
  it('stores one result per query with its citations and prints clean JSON', async () => {
    const r = await runCli(
      [
        'analyze',
        '--platform',
        'perplexity',
        '--client',
        files.client,
        '--queries',
        files.queries,
        '--concurrency',
        '3',
        '--batch-id',
        'pg-1',
        '--json',
      ],
      env,
    );
    expect(r.exitCode).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.run).toMatchObject({
      status: 'completed',
      batchId: 'pg-1',
      counts: { total: 3, completed: 3 },
    });
    expect(json.queries.map((q: { query: string }) => q.query)).toEqual(QUERIES);
    expect(json.queries.filter((q: { brandMentioned: boolean }) => q.brandMentioned)).toHaveLength(2);

    const rows = await test.db.query<{
      query_text: string;
      citation_count: number;
      citations: unknown[];
      brand_list_rank: number | null;
    }>(
      `SELECT query_text, citation_count, citations, brand_list_rank FROM analysis_queries WHERE analysis_run_id = $1 ORDER BY query_text`,
      [json.run.id],
    );
    expect(rows.map((x) => x.query_text)).toEqual([...QUERIES].sort());
    for (const row of rows)
      expect(row.citations.length).toBe(
        row.query_text.includes('Best') || row.query_text.includes('best') ? 3 : 2,
      );
    expect(rows.filter((x) => x.brand_list_rank === 2)).toHaveLength(2);
    const pending = await test.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM analysis_queue WHERE analysis_run_id = $1 AND status <> 'completed'`,
      [json.run.id],
    );
    expect(pending[0]!.n).toBe(0);
  });

  it('exits 6 for a finished batch, and status/cancel/retry/resume act on the run', async () => {
    const again = await runCli(
      [
        'analyze',
        '-p',
        'perplexity',
        '--client',
        files.client,
        '--queries',
        files.queries,
        '--batch-id',
        'pg-1',
        '--json',
      ],
      env,
    );
    expect(again.exitCode).toBe(6);
    const dup = JSON.parse(again.stdout);
    expect(dup).toMatchObject({ existing: true, run: { batchId: 'pg-1', status: 'completed' } });
    expect(again.stderr).toContain(`run ${dup.run.id} already exists for batch pg-1 (status: completed)`);

    const status = await runCli(['status', dup.run.id], env);
    expect(status.exitCode).toBe(0);
    expect(status.stdout).toMatch(/perplexity\s+3\/3\s+3\s+0\s+0\s+0/);

    const retry = await runCli(['retry', dup.run.id, '--json'], env);
    expect(JSON.parse(retry.stdout)).toMatchObject({ requeuedItems: 0 });

    const resume = await runCli(['resume', dup.run.id], env);
    expect(resume.exitCode).toBe(2);
    expect(resume.stderr).toContain('is not paused (status: completed)');

    const queued = await runCli(
      ['analyze', '-p', 'perplexity', '--client', files.client, '--queries', files.queries, '--detach'],
      env,
    );
    const id = queued.stdout.trim();
    const cancel = await runCli(['cancel', id, '--json'], env);
    expect(JSON.parse(cancel.stdout)).toMatchObject({ cancelledItems: 3, run: { id, status: 'cancelled' } });
    const list = await runCli(['runs', 'list', '--json'], env);
    expect(JSON.parse(list.stdout).runs.map((x: { status: string }) => x.status)).toEqual([
      'cancelled',
      'completed',
    ]);
  });

  it('pauses at --max-cost (exit 7); resume --max-cost raises the limit and the same batch id finishes', async () => {
    const args = ['analyze', '-p', 'perplexity', '--client', files.client, '--queries', files.queries];
    const capped = await runCli(
      [...args, '--batch-id', 'cap-1', '--max-cost', '0.005', '--concurrency', '1', '--json'],
      env,
    );
    expect(capped.exitCode).toBe(7);
    const run = JSON.parse(capped.stdout).run;
    expect(run).toMatchObject({ status: 'paused', maxCostUsd: 0.005 });
    expect(run.counts.completed).toBeLessThan(3);
    expect(capped.stderr).toContain(`citebots resume ${run.id}`);

    const resumed = await runCli(['resume', run.id, '--max-cost', '1', '--json'], env);
    expect(resumed.exitCode).toBe(0);
    expect(JSON.parse(resumed.stdout).run).toMatchObject({ maxCostUsd: 1 });

    const done = await runCli([...args, '--batch-id', 'cap-1', '--json'], env);
    expect(done.exitCode).toBe(0);
    expect(JSON.parse(done.stdout).run).toMatchObject({
      id: run.id,
      status: 'completed',
      counts: { completed: 3 },
    });
  });
});
