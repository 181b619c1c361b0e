import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '@citebots/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PerplexityFixtureServer,
  startPerplexityFixtureServer,
} from './support/perplexity-fixture-server.js';
import { runCli, tempDir, withEmbeddedDb, writeInputs } from './support/run-cli.js';

const QUERIES = [
  'What is the best email creation platform for enterprise teams?',
  'How do teams test responsive email templates?',
];

let server: PerplexityFixtureServer;
let dir: string;
let dataDir: string;
let inputs: { client: string; queries: string };
let env: Record<string, string | undefined>;

const withDb = <T>(fn: (db: Database) => Promise<T>) => withEmbeddedDb(dataDir, fn);

beforeAll(async () => {
  server = await startPerplexityFixtureServer();
  dir = tempDir();
  dataDir = join(dir, 'db');
  inputs = writeInputs(dir, QUERIES);
  env = {
    DATABASE_URL: undefined,
    CITEBOTS_DATA_DIR: dataDir,
    PERPLEXITY_API_KEY: 'pplx-cli-test-key-0001',
    PERPLEXITY_BASE_URL: server.url,
    PERPLEXITY_MODEL: undefined,
  };
});

afterAll(async () => {
  await server?.close();
});

const analyzeArgs = (...extra: string[]) => [
  'analyze',
  '--platform',
  'perplexity',
  '--client',
  inputs.client,
  '--queries',
  inputs.queries,
  ...extra,
];

describe('citebots analyze on the embedded database', { timeout: 180_000 }, () => {
  it('runs every query, stores one result per query with its citations, and prints the summary', async () => {
    const r = await runCli(analyzeArgs(), env);
    expect(r.stderr).not.toMatch(/^Error:/m);
    expect(r.exitCode).toBe(0);
    // Progress goes to stderr, the summary to stdout.
    expect(r.stderr).toMatch(/\[2\/2\] ok/);
    expect(r.stdout).toContain('named #2 of tracked brands, list #2');
    expect(r.stdout).toContain('* knak.com, g2.com, beefree.io');
    expect(r.stdout).toContain('not mentioned');
    expect(r.stdout).toContain('dyspatch.io, litmus.com');
    expect(r.stdout).toMatch(/Knak was mentioned in 1 of 2 answers; knak\.com was cited in 1\./);
    expect(r.stdout).toMatch(/Items: 2, completed: 2, failed: 0\. Cost: \$0\.01\./);
    expect(server.authorizations.every((a) => a === 'Bearer pplx-cli-test-key-0001')).toBe(true);

    const rows = await withDb((db) =>
      db.query<{
        query_text: string;
        platform: string;
        brand_mentioned: boolean;
        brand_rank: number | null;
        brand_list_rank: number | null;
        citations: { url: string; position: number }[];
      }>(
        `SELECT query_text, platform, brand_mentioned, brand_rank, brand_list_rank, citations
           FROM analysis_queries ORDER BY query_text`,
      ),
    );
    expect(rows.map((x) => x.query_text)).toEqual([...QUERIES].sort());
    const best = rows.find((x) => x.query_text.includes('best'))!;
    expect(best).toMatchObject({
      platform: 'perplexity',
      brand_mentioned: true,
      brand_rank: 2,
      brand_list_rank: 2,
    });
    expect(best.citations.map((c) => c.url)).toEqual([
      'https://knak.com/platform?utm_source=perplexity',
      'https://www.g2.com/categories/email-builder',
      'https://beefree.io/',
    ]);
    const prose = rows.find((x) => !x.query_text.includes('best'))!;
    expect(prose.brand_mentioned).toBe(false);
    expect(prose.citations).toHaveLength(2);
  });

  it('--json prints only JSON on stdout; the same --batch-id again exits 6 naming the run', async () => {
    const first = await runCli(analyzeArgs('--batch-id', 'weekly-1', '--json'), env);
    expect(first.exitCode).toBe(0);
    const json = JSON.parse(first.stdout);
    expect(json.run).toMatchObject({ batchId: 'weekly-1', status: 'completed', platforms: ['perplexity'] });
    expect(json.run.counts).toMatchObject({ total: 2, completed: 2, failed: 0 });
    expect(json.run.byPlatform[0]).toMatchObject({ platform: 'perplexity', total: 2, completed: 2 });
    expect(json.queries).toHaveLength(2);
    expect(json.queries[0]).toMatchObject({
      query: QUERIES[0],
      brandMentioned: true,
      brandRank: 2,
      brandListRank: 2,
      citedDomains: [
        { domain: 'knak.com', own: true },
        { domain: 'g2.com', own: false },
        { domain: 'beefree.io', own: false },
      ],
    });
    expect(first.stderr).toMatch(/\[2\/2\] ok/);

    const again = await runCli(analyzeArgs('--batch-id', 'weekly-1'), env);
    expect(again.exitCode).toBe(6);
    expect(again.stderr).toContain(
      `run ${json.run.id} already exists for batch weekly-1 (status: completed)`,
    );
    const runs = await withDb((db) =>
      db.query<{ n: number }>(`SELECT count(*)::int AS n FROM analysis_runs WHERE batch_id = 'weekly-1'`),
    );
    expect(runs[0]!.n).toBe(1);
  });

  it('continues an unfinished run of the same --batch-id instead of starting another', async () => {
    const queued = await runCli(analyzeArgs('--batch-id', 'resume-me', '--detach'), env);
    expect(queued.exitCode).toBe(0);
    const runId = queued.stdout.trim();
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    const before = await withDb((db) =>
      db.query<{ n: number }>(`SELECT count(*)::int AS n FROM analysis_queries WHERE analysis_run_id = $1`, [
        runId,
      ]),
    );
    expect(before[0]!.n).toBe(0);

    const r = await runCli(analyzeArgs('--batch-id', 'resume-me', '--json'), env);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(
      `run ${runId} already exists for batch resume-me (status: queued): continuing it.`,
    );
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ existing: true, run: { id: runId, status: 'completed' } });
    expect(json.run.counts.completed).toBe(2);
  });

  it('exits 5 when some items failed, naming the error per query', async () => {
    const d = tempDir();
    const files = writeInputs(d, [QUERIES[0]!, 'Why was this request rejected by the engine?']);
    const r = await runCli(
      ['analyze', '-p', 'perplexity', '--client', files.client, '--queries', files.queries],
      env,
    );
    expect(r.exitCode).toBe(5);
    expect(r.stdout).toContain('This request was rejected.');
    expect(r.stdout).toMatch(/completed: 1, failed: 1/);
  });

  it('shows the runs with status, runs list and platforms list', async () => {
    const status = await runCli(['status', '--json'], env);
    expect(status.exitCode).toBe(0);
    const s = JSON.parse(status.stdout);
    expect(s.run.counts.total).toBe(2);
    expect(s.health).toMatchObject({ stuck: 0, processing: 0 });

    const text = await runCli(['status', s.run.id.slice(0, 8)], env);
    expect(text.stdout).toContain(`Run ${s.run.id}`);
    expect(text.stdout).toMatch(/Health: 0 processing, 0 stuck/);

    const list = await runCli(['runs', 'list', '--client', 'knak.com', '--limit', '10', '--json'], env);
    expect(JSON.parse(list.stdout).runs).toHaveLength(4);
    const table = await runCli(['runs', 'list', '--limit', '3'], env);
    expect(table.stdout.split('\n')[0]).toMatch(/^run\s+created\s+client\s+status/);
    expect(table.stdout).toContain('weekly-1');

    const missing = await runCli(['status', '00000000-0000-4000-8000-000000000000'], env);
    expect(missing.exitCode).toBe(8);

    const platforms = await runCli(['platforms', 'list', '--json'], { ...env, OPENAI_API_KEY: undefined });
    const pl = JSON.parse(platforms.stdout).platforms as {
      name: string;
      apiKeySet: boolean;
      pricesDate: string;
    }[];
    expect(pl.find((p) => p.name === 'perplexity')).toMatchObject({
      apiKeySet: true,
      model: 'sonar',
      ready: true,
    });
    expect(pl.find((p) => p.name === 'chatgpt')).toMatchObject({ apiKeySet: false, ready: false });
    expect(platforms.stdout).not.toContain('pplx-cli-test-key-0001');
    const ptable = await runCli(['platforms', 'list'], env);
    expect(ptable.stdout).toMatch(/perplexity\s+\S+\s+sonar\s+webSearch,citations\s+PERPLEXITY_API_KEY set/);
  });
});

describe('citebots analyze input and configuration errors', { timeout: 180_000 }, () => {
  it('names PERPLEXITY_API_KEY and exits 3 when the key is missing, writing nothing', async () => {
    const fresh = join(tempDir(), 'db');
    const r = await runCli(analyzeArgs(), {
      ...env,
      PERPLEXITY_API_KEY: undefined,
      CITEBOTS_DATA_DIR: fresh,
    });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('PERPLEXITY_API_KEY is not set');
    expect(existsSync(fresh)).toBe(false);

    const both = await runCli(
      ['analyze', '-p', 'perplexity,chatgpt', '--client', inputs.client, '--queries', inputs.queries],
      { ...env, PERPLEXITY_API_KEY: undefined, OPENAI_API_KEY: undefined, CITEBOTS_DATA_DIR: fresh },
    );
    expect(both.exitCode).toBe(3);
    expect(both.stderr).toContain('PERPLEXITY_API_KEY');
    expect(both.stderr).toContain('OPENAI_API_KEY');
    expect(existsSync(fresh)).toBe(false);
  });

  it('names the file, field, value and fix of a bad client profile, exits 2 and writes nothing', async () => {
    const d = tempDir();
    const fresh = join(d, 'db');
    const files = writeInputs(d, QUERIES, { name: 'Knak', domain: 'knak dot com', competitors: [] });
    const r = await runCli(
      ['analyze', '-p', 'perplexity', '--client', files.client, '--queries', files.queries],
      { ...env, CITEBOTS_DATA_DIR: fresh },
    );
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(files.client);
    expect(r.stderr).toContain('field "domain"');
    expect(r.stderr).toContain('"knak dot com"');
    expect(r.stderr).toContain('Fix:');
    expect(existsSync(fresh)).toBe(false);
    expect(server.questions.length).toBeGreaterThan(0);
  });

  it('rejects an unknown platform with the list of installed ones (exit 2)', async () => {
    const r = await runCli(
      ['analyze', '-p', 'perplexty', '--client', inputs.client, '--queries', inputs.queries],
      env,
    );
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(
      /--platform is not an installed platform \(got "perplexty"\)\. Fix: use one of perplexity/,
    );
  });

  it('--dry-run prints the plan without a key and writes nothing', async () => {
    const fresh = join(tempDir(), 'db');
    const calls = server.questions.length;
    const r = await runCli(analyzeArgs('--dry-run'), {
      ...env,
      PERPLEXITY_API_KEY: undefined,
      CITEBOTS_DATA_DIR: fresh,
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/perplexity\s+sonar\s+2\s+2 \(up to 6 with retries\)\s+\$0\.\d+/);
    expect(r.stdout).toMatch(/Total: 2 items, 2 calls, estimated \$/);
    expect(existsSync(fresh)).toBe(false);
    expect(server.questions.length).toBe(calls);

    const json = await runCli(analyzeArgs('--dry-run', '--json'), { ...env, PERPLEXITY_API_KEY: undefined });
    const plan = JSON.parse(json.stdout).plan;
    expect(plan).toMatchObject({ queries: 2, items: 2, calls: 2 });
    expect(plan.platforms[0].estimatedCostUsd).toBeGreaterThan(0);
  });
});
