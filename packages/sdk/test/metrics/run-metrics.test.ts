import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeAnswer, answerAnalysisColumns } from '../../src/analysis/index.js';
import { InputError } from '../../src/errors/index.js';
import { computeRunMetrics, type RunMetricsOptions } from '../../src/metrics/index.js';
import type { ClientProfile } from '../../src/schemas/client-profile.js';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../../src/testing/index.js';

const knak: ClientProfile = { name: 'Knak', domain: 'knak.com', aliases: [], competitors: [], keywords: [] };
// The stored rows were analysed with a profile that knows an alias the snapshot lacks: a row read
// as stored counts the answer as a mention, the same row analysed afresh from the snapshot does not.
const analysedWith: ClientProfile = { ...knak, aliases: ['Mailcraft'] };
const answer = 'Mailcraft builds on-brand emails; Stripo is a template editor.';

interface Case {
  name: string;
  snapshot: ClientProfile | null;
  /** The stored analysis's version (null: the current one). */
  version: number | null;
  options?: RunMetricsOptions;
  client: { name: string; domain: string };
  mentioned: number;
}

const cases: Case[] = [
  {
    name: 'reads rows of the current analysis version as stored, labelled with the snapshot client',
    snapshot: knak,
    version: null,
    client: { name: 'Knak', domain: 'knak.com' },
    mentioned: 1,
  },
  {
    name: 're-analyses rows of an older analysis version from the snapshot',
    snapshot: knak,
    version: 1,
    client: { name: 'Knak', domain: 'knak.com' },
    mentioned: 0,
  },
  {
    name: 're-analyses every row for an explicit client profile',
    snapshot: knak,
    version: null,
    options: { client: { ...knak, name: 'Knak Inc' } },
    client: { name: 'Knak Inc', domain: 'knak.com' },
    mentioned: 0,
  },
  {
    name: 'takes the client from its clients row when the run has no snapshot',
    snapshot: null,
    version: null,
    client: { name: 'Knak (clients row)', domain: 'knak.example' },
    mentioned: 1,
  },
];

describe.each<TestDatabaseKind>(['pglite', 'postgres'])('computeRunMetrics on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t?.dispose());

  /** A run of one stored answer, as `submitRun` and a worker leave it (or an imported run without a snapshot). */
  async function storedRun(c: Case): Promise<string> {
    const [client] = await t.db.query<{ id: string }>(
      `INSERT INTO clients (name, domain) VALUES ('Knak (clients row)', 'knak.example') RETURNING id`,
    );
    const [run] = await t.db.query<{ id: string }>(
      `INSERT INTO analysis_runs (client_id, platforms, client_snapshot) VALUES ($1, $2, $3::jsonb) RETURNING id`,
      [client!.id, ['perplexity'], c.snapshot ? JSON.stringify(c.snapshot) : null],
    );
    const columns = answerAnalysisColumns(
      analyzeAnswer({ query: { id: 'q1', text: 'email builder' }, answer, citations: [] }, analysedWith),
    );
    const analysis = JSON.parse(columns.mention_analysis as string) as Record<string, unknown>;
    if (c.version !== null) analysis.version = c.version;
    await t.db.query(
      `INSERT INTO analysis_queries (analysis_run_id, query_id, query_text, platform, model_response, citations, mention_analysis)
       VALUES ($1, 'q1', 'email builder', 'perplexity', $2, '[]'::jsonb, $3::jsonb)`,
      [run!.id, answer, JSON.stringify(analysis)],
    );
    return run!.id;
  }

  it.each(cases)('$name', async (c) => {
    const m = await computeRunMetrics(t.db, await storedRun(c), c.options);
    expect(m.client).toEqual(c.client);
    expect(m.answers).toBe(1);
    expect(m.overall.nonBranded.visibility).toMatchObject({ successes: c.mentioned, n: 1 });
  });

  it('names a missing run plainly', async () => {
    await expect(computeRunMetrics(t.db, '00000000-0000-0000-0000-0000000000ff')).rejects.toBeInstanceOf(
      InputError,
    );
  });
});
