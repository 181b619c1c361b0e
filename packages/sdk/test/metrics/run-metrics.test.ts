import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeAnswer, answerAnalysisColumns } from '../../src/analysis/index.js';
import { InputError } from '../../src/errors/index.js';
import { computeRunMetrics } from '../../src/metrics/index.js';
import type { ClientProfile } from '../../src/schemas/client-profile.js';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../../src/testing/index.js';

const snapshot: ClientProfile = {
  name: 'Brevo',
  domain: 'brevo.com',
  aliases: [],
  competitors: [{ name: 'Mailchimp', domain: 'mailchimp.com', aliases: [] }],
  keywords: [],
};
// The profile the stored rows were analysed with knows an alias the snapshot lacks, so a row read
// as stored and a row analysed afresh from the snapshot give different answers.
const analysedWith: ClientProfile = { ...snapshot, aliases: ['Sendinblue'] };
const answer = 'Sendinblue is cheap; Mailchimp is popular.';

describe.each<TestDatabaseKind>(['pglite', 'postgres'])('computeRunMetrics on %s', (kind) => {
  let t: TestDatabase;
  let clientId: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const [client] = await t.db.query<{ id: string }>(
      `INSERT INTO clients (name, domain) VALUES ('Brevo (clients row)', 'brevo.example') RETURNING id`,
    );
    clientId = client!.id;
  });

  afterAll(async () => {
    await t?.dispose();
  });

  async function runWithAnswer(clientSnapshot: ClientProfile | null, analysisVersion: number | null) {
    const [run] = await t.db.query<{ id: string }>(
      `INSERT INTO analysis_runs (client_id, platforms, client_snapshot) VALUES ($1, $2, $3::jsonb) RETURNING id`,
      [clientId, ['perplexity'], clientSnapshot ? JSON.stringify(clientSnapshot) : null],
    );
    const columns = answerAnalysisColumns(
      analyzeAnswer(
        { query: { id: 'q1', text: 'cheap newsletter tool' }, answer, citations: [] },
        analysedWith,
      ),
    );
    const analysis = JSON.parse(columns.mention_analysis as string) as Record<string, unknown>;
    if (analysisVersion !== null) analysis.version = analysisVersion;
    await t.db.query(
      `INSERT INTO analysis_queries (analysis_run_id, query_id, query_text, platform, model_response, citations, mention_analysis)
       VALUES ($1, 'q1', 'cheap newsletter tool', 'perplexity', $2, '[]'::jsonb, $3::jsonb)`,
      [run!.id, answer, JSON.stringify(analysis)],
    );
    return run!.id;
  }

  it('reads rows of the current analysis version as stored, labelled with the snapshot client', async () => {
    const runId = await runWithAnswer(snapshot, null);
    const m = await computeRunMetrics(t.db, runId);
    expect(m.client).toEqual({ name: 'Brevo', domain: 'brevo.com' });
    expect(m.overall.nonBranded.visibility).toMatchObject({ successes: 1, n: 1 });
  });

  it('re-analyses rows of an older version from the snapshot', async () => {
    const runId = await runWithAnswer(snapshot, 1);
    const m = await computeRunMetrics(t.db, runId);
    expect(m.client).toEqual({ name: 'Brevo', domain: 'brevo.com' });
    expect(m.overall.nonBranded.visibility).toMatchObject({ successes: 0, n: 1 });
  });

  it('re-analyses every row for an explicit client profile', async () => {
    const runId = await runWithAnswer(snapshot, null);
    const m = await computeRunMetrics(t.db, runId, { client: { ...snapshot, name: 'Brevo SAS' } });
    expect(m.client).toEqual({ name: 'Brevo SAS', domain: 'brevo.com' });
    expect(m.overall.nonBranded.visibility).toMatchObject({ successes: 0, n: 1 });
  });

  it('takes the client from the clients row for a run without a snapshot', async () => {
    const runId = await runWithAnswer(null, null);
    const m = await computeRunMetrics(t.db, runId);
    expect(m.client).toEqual({ name: 'Brevo (clients row)', domain: 'brevo.example' });
    expect(m.overall.nonBranded.visibility).toMatchObject({ successes: 1, n: 1 });
  });

  it('names a missing run plainly, with or without stored answers to read', async () => {
    await expect(computeRunMetrics(t.db, '00000000-0000-0000-0000-0000000000ff')).rejects.toBeInstanceOf(
      InputError,
    );
  });
});
