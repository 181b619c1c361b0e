import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Database, parseCsv } from '@citebots/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PerplexityFixtureServer,
  startPerplexityFixtureServer,
} from './support/perplexity-fixture-server.js';
import { CLIENT, runCli, tempDir, withEmbeddedDb, writeInputs } from './support/run-cli.js';

const QUERIES = [
  'What is the best email creation platform for enterprise teams?',
  'How do teams test responsive email templates?',
];

let server: PerplexityFixtureServer;
let dir: string;
let dataDir: string;
let inputs: { client: string; queries: string };
let env: Record<string, string | undefined>;
let runId: string;
let analyzeJson: {
  run: { id: string };
  metrics: {
    answers: number;
    overall: { nonBranded: Record<string, unknown> & { visibility: Record<string, unknown> } };
  };
};

const withDb = <T>(fn: (db: Database) => Promise<T>) => withEmbeddedDb(dataDir, fn);

beforeAll(async () => {
  server = await startPerplexityFixtureServer();
  dir = tempDir('citebots-metrics-');
  dataDir = join(dir, 'db');
  inputs = writeInputs(dir, QUERIES);
  env = {
    DATABASE_URL: undefined,
    CITEBOTS_DATA_DIR: dataDir,
    PERPLEXITY_API_KEY: 'pplx-cli-test-key-0002',
    PERPLEXITY_BASE_URL: server.url,
    PERPLEXITY_MODEL: undefined,
  };
  const r = await runCli(
    ['analyze', '-p', 'perplexity', '--client', inputs.client, '--queries', inputs.queries, '--json'],
    env,
  );
  if (r.exitCode !== 0) throw new Error(`analyze failed: ${r.stderr}\n${r.stdout}`);
  analyzeJson = JSON.parse(r.stdout);
  runId = analyzeJson.run.id;
}, 180_000);

afterAll(async () => {
  await server?.close();
});

describe('metrics in analyze and status', { timeout: 120_000 }, () => {
  it('analyze --json carries the run metrics with n and 95% Wilson intervals', () => {
    const m = analyzeJson.metrics;
    expect(m.answers).toBe(2);
    // The list answer names Knak (2nd); the prose answer names only Dyspatch.
    expect(m.overall.nonBranded.visibility).toMatchObject({ value: 0.5, successes: 1, n: 2 });
    const ci = m.overall.nonBranded.visibility.ci as { lower: number; upper: number };
    expect(ci.lower).toBeCloseTo(0.0945, 3);
    expect(ci.upper).toBeCloseTo(0.9055, 3);
    expect(m.overall.nonBranded).toMatchObject({
      averagePosition: { mean: 2, n: 1 },
      citationShare: { successes: 1, n: 5 },
    });
  });

  it('status --json has the same metrics; the human output prints them with intervals and marks the client domain', async () => {
    const json = await runCli(['status', runId, '--json'], env);
    expect(json.exitCode).toBe(0);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.metrics.overall).toEqual(analyzeJson.metrics.overall);

    const human = await runCli(['status', runId], env);
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toMatch(/visibility\s+50% \(n=2, 95% CI 9–91%\)/);
    expect(human.stdout).toMatch(/citation share\s+20% \(n=5, 95% CI \d+–\d+%\)/);
    expect(human.stdout).toMatch(/average position\s+2\.0 \(n=1\)/);
    expect(human.stdout).toMatch(/^\s+\* knak\.com\s+1 \(20%\)/m);
    expect(human.stdout).toMatch(/^\s+dyspatch\.io\s+1 \(20%\)\s+Dyspatch$/m);
  });
});

describe('citebots queries generate', { timeout: 120_000 }, () => {
  it('writes de-duplicated, tagged queries that analyze --queries reads back', async () => {
    const out = join(dir, 'generated.csv');
    const r = await runCli(['queries', 'generate', '--client', inputs.client, '--out', out], env);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    const [header, ...rows] = parseCsv(readFileSync(out, 'utf8')).filter((x) => x.join('') !== '');
    expect(header).toEqual(['query', 'keyword', 'intent', 'category']);
    expect(rows.length).toBeGreaterThan(5);
    const texts = rows.map((x) => x[0]!.toLowerCase().replace(/\W+/g, ' ').trim());
    expect(new Set(texts).size).toBe(texts.length);
    for (const row of rows) {
      expect(row[1]).toBe('email creation platform');
      expect(['non_branded', 'branded', 'competitor']).toContain(row[3]);
    }
    expect(rows.some((x) => x[3] === 'branded' && x[0]!.includes('Knak'))).toBe(true);
    expect(rows.filter((x) => x[3] === 'non_branded').every((x) => !x[0]!.includes('Knak'))).toBe(true);

    const printed = await runCli(['queries', 'generate', '--client', inputs.client], env);
    expect(printed.stdout).toBe(readFileSync(out, 'utf8'));

    const plan = await runCli(
      ['analyze', '-p', 'perplexity', '--client', inputs.client, '--queries', out, '--dry-run', '--json'],
      env,
    );
    expect(plan.exitCode).toBe(0);
    expect(JSON.parse(plan.stdout).plan.queries).toBe(rows.length);
  });

  it('--intents and --max narrow the list; --json returns the tagged queries', async () => {
    const r = await runCli(
      ['queries', 'generate', '--client', inputs.client, '--intents', 'comparison', '--max', '2', '--json'],
      env,
    );
    expect(r.exitCode).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.queries).toHaveLength(2);
    expect(json.queries.every((q: { intent: string }) => q.intent === 'comparison')).toBe(true);
    expect(json.llm).toBeNull();
  });

  it('--llm without the platform key exits 3 naming the variable and calls nothing', async () => {
    const before = server.questions.length;
    const r = await runCli(
      ['queries', 'generate', '--client', inputs.client, '--platform', 'perplexity', '--llm'],
      { ...env, PERPLEXITY_API_KEY: undefined },
    );
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('PERPLEXITY_API_KEY');
    expect(server.questions.length).toBe(before);
  });

  it('--llm keeps the template queries and reports the failure when the reply is not the asked JSON', async () => {
    const before = server.questions.length;
    const r = await runCli(
      ['queries', 'generate', '--client', inputs.client, '--platform', 'perplexity', '--llm', '--json'],
      env,
    );
    expect(r.exitCode).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(server.questions.length).toBe(before + 1);
    expect(json.llm).toMatchObject({ platform: 'perplexity', status: 'failed', added: 0 });
    expect(json.queries.length).toBeGreaterThan(5);
  });
});

describe('citebots reanalyze', { timeout: 120_000 }, () => {
  it('with the run snapshot changes nothing', async () => {
    const r = await runCli(['reanalyze', runId, '--json'], env);
    expect(r.exitCode).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ total: 2, updated: 2, skipped: 0, changes: { rowsChanged: 0 } });
  });

  it('a client file adding an alias flips a mention without calling any platform', async () => {
    // Knak took over Dyspatch: Dyspatch becomes an alias of the client instead of a competitor.
    const merged = join(dir, 'client-merged.json');
    writeFileSync(
      merged,
      JSON.stringify({
        ...CLIENT,
        aliases: [...CLIENT.aliases, 'Dyspatch'],
        competitors: CLIENT.competitors.filter((c) => c.name !== 'Dyspatch'),
      }),
    );
    const requests = server.questions.length;
    const r = await runCli(['reanalyze', runId.slice(0, 8), '--client', merged], env);
    expect(r.stderr).not.toMatch(/^Error:/m);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/client mention \+1 \/ -0/);
    expect(r.stdout).toMatch(
      /Visibility \(non-branded\): 50% \(n=2, 95% CI 9–91%\) -> 100% \(n=2, 95% CI \d+–100%\)/,
    );
    expect(server.questions.length).toBe(requests);

    const rows = await withDb((db) =>
      db.query<{ query_text: string; brand_mentioned: boolean }>(
        'SELECT query_text, brand_mentioned FROM analysis_queries WHERE analysis_run_id = $1',
        [runId],
      ),
    );
    expect(rows.every((x) => x.brand_mentioned)).toBe(true);

    const status = JSON.parse((await runCli(['status', runId, '--json'], env)).stdout);
    expect(status.metrics.overall.nonBranded.visibility).toMatchObject({ successes: 2, n: 2 });
  });

  it('an unknown run exits 8', async () => {
    const r = await runCli(['reanalyze', '00000000-0000-0000-0000-000000000000', '--json'], env);
    expect(r.exitCode).toBe(8);
  });
});
