import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANALYSIS_VERSION,
  analyzeAnswer,
  answerAnalysisColumns,
  applyJudgement,
  reanalyzeRun,
} from '../../src/analysis/index.js';
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

const answers = [
  {
    platform: 'perplexity',
    query: 'best email marketing software',
    category: 'recommendation',
    answer: '1. **Mailchimp** – popular[1]\n2. **Sendinblue** – cheap and reliable[2]',
    citations: [
      { url: 'https://mailchimp.com/', title: null, snippet: null, position: 1 },
      { url: 'https://www.brevo.com/pricing', title: null, snippet: null, position: 2 },
    ],
  },
  {
    platform: 'chatgpt',
    query: 'cheap newsletter tool',
    category: 'pricing',
    answer:
      'Sendinblue (now Brevo) has a generous free plan. ([brevo.com](https://www.brevo.com/?utm_source=openai))',
    citations: [{ url: 'https://www.brevo.com/?utm_source=openai', title: null, snippet: null, position: 1 }],
  },
  {
    platform: 'chatgpt',
    query: 'email subject line tips',
    category: 'pricing',
    answer: 'Keep it short.',
    citations: [],
  },
];

describe.each<TestDatabaseKind>(['pglite', 'postgres'])('reanalysis and run metrics on %s', (kind) => {
  let t: TestDatabase;
  let runId: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const [client] = await t.db.query<{ id: string }>(
      `INSERT INTO clients (name, domain) VALUES ('Brevo', 'brevo.com') RETURNING id`,
    );
    const [run] = await t.db.query<{ id: string }>(
      `INSERT INTO analysis_runs (client_id, batch_id, platforms, client_snapshot) VALUES ($1, 'b1', $2, $3::jsonb) RETURNING id`,
      [client!.id, ['perplexity', 'chatgpt'], JSON.stringify(snapshot)],
    );
    runId = run!.id;
    for (const a of answers) {
      // Rows as an older analysis left them: the alias Sendinblue was unknown then.
      const stale = answerAnalysisColumns(
        analyzeAnswer(
          { query: { id: a.query, text: a.query }, answer: a.answer, citations: a.citations },
          snapshot,
        ),
      );
      await t.db.query(
        `INSERT INTO analysis_queries (analysis_run_id, query_id, query_text, query_category, platform, data_source,
           model_response, citations, brand_mentioned, brand_mention_count, mention_analysis, analysis_version)
         VALUES ($1, $2, $3, $4, $5, $5, $6, $7::jsonb, $8, $9, $10::jsonb, 1)`,
        [
          runId,
          a.query,
          a.query,
          a.category,
          a.platform,
          a.answer,
          JSON.stringify(a.citations),
          stale.brand_mentioned,
          stale.brand_mention_count,
          stale.mention_analysis,
        ],
      );
    }
    await t.db.query(
      `INSERT INTO analysis_queries (analysis_run_id, query_id, query_text, platform, status) VALUES ($1, 'failed', 'x', 'chatgpt', 'failed')`,
      [runId],
    );
  });

  afterAll(async () => {
    await t?.dispose();
  });

  it('writes only real analysis_queries columns', async () => {
    const cols = await t.db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'analysis_queries'`,
    );
    const real = new Set(cols.map((c) => c.column_name));
    const a = analyzeAnswer({ query: { id: 'q', text: 'q' }, answer: 'Brevo', citations: [] }, snapshot);
    expect(Object.keys(answerAnalysisColumns(a)).filter((k) => !real.has(k))).toEqual([]);
  });

  it('recomputes every derived column from the stored answers with a newer profile', async () => {
    const newer: ClientProfile = { ...snapshot, aliases: ['Sendinblue'] };
    const result = await reanalyzeRun(t.db, runId, { client: newer, batchSize: 2 });
    expect(result).toEqual({
      runId,
      total: 4,
      updated: 3,
      skipped: 1,
      batches: 2,
      analysisVersion: ANALYSIS_VERSION,
    });
    const rows = await t.db.query<Record<string, unknown>>(
      `SELECT query_id, brand_mentioned, brand_mention_count, brand_list_rank, brand_rank, client_citation_position,
              brand_mention_type, competitor_mentioned_names, competitor_analysis, analysis_version, analyzed_at, query_intent
         FROM analysis_queries WHERE analysis_run_id = $1 AND model_response IS NOT NULL ORDER BY query_id`,
      [runId],
    );
    const byQuery = Object.fromEntries(rows.map((r) => [r.query_id as string, r]));
    expect(byQuery['best email marketing software']).toMatchObject({
      brand_mentioned: true,
      brand_mention_count: 1,
      brand_list_rank: 2,
      brand_rank: 2,
      client_citation_position: 2,
      brand_mention_type: 'both',
      competitor_mentioned_names: ['Mailchimp'],
      analysis_version: ANALYSIS_VERSION,
      query_intent: 'recommendation_request',
    });
    expect(byQuery['cheap newsletter tool']).toMatchObject({
      brand_mention_count: 2,
      brand_mention_type: 'both',
    });
    expect(byQuery['email subject line tips']).toMatchObject({
      brand_mentioned: false,
      brand_mention_type: null,
    });
    expect(rows.every((r) => r.analyzed_at !== null)).toBe(true);
    const competitors =
      typeof byQuery['best email marketing software']!.competitor_analysis === 'string'
        ? JSON.parse(byQuery['best email marketing software']!.competitor_analysis as string)
        : byQuery['best email marketing software']!.competitor_analysis;
    expect(competitors[0]).toMatchObject({ name: 'Mailchimp', listRank: 1 });
  });

  it('defaults to the run snapshot and is repeatable', async () => {
    const again = await reanalyzeRun(t.db, runId);
    expect(again.updated).toBe(3);
    const [row] = await t.db.query<{ brand_mention_count: number }>(
      `SELECT brand_mention_count FROM analysis_queries WHERE analysis_run_id = $1 AND query_id = 'cheap newsletter tool'`,
      [runId],
    );
    expect(row!.brand_mention_count).toBe(1);
  });

  it('computes run metrics per platform and category from the stored rows', async () => {
    const m = await computeRunMetrics(t.db, runId, { client: { ...snapshot, aliases: ['Sendinblue'] } });
    expect(m.answers).toBe(3);
    expect(m.client).toEqual({ name: 'Brevo', domain: 'brevo.com' });
    expect(m.overall.nonBranded.visibility).toMatchObject({ successes: 2, n: 3 });
    expect(m.overall.nonBranded.citationShare).toMatchObject({ successes: 2, n: 3 });
    expect(m.byPlatform.perplexity!.nonBranded.averageListRank).toMatchObject({ mean: 2, n: 1 });
    expect(Object.keys(m.byCategory)).toEqual(['pricing', 'recommendation']);
    const stored = await computeRunMetrics(t.db, runId);
    expect(stored.overall.nonBranded.visibility).toMatchObject({ successes: 2, n: 3 });
  });

  it('re-applies a stored LLM judgement instead of discarding it, unless asked to drop it', async () => {
    const a = answers[0]!;
    const judged = applyJudgement(
      analyzeAnswer(
        { query: { id: 'judged', text: a.query }, answer: a.answer, citations: a.citations },
        snapshot,
      ),
      {
        judgement: { brand_sentiment: -0.5, brand_sentiment_label: 'negative' },
        record: {
          platform: 'fake',
          model: 'm',
          status: 'ok',
          costUsd: 0.01,
          error: null,
          fields: ['brand_sentiment'],
          judgement: { brand_sentiment: -0.5, brand_sentiment_label: 'negative' },
        },
      },
    );
    const cols = answerAnalysisColumns(judged);
    await t.db.query(
      `INSERT INTO analysis_queries (analysis_run_id, query_id, query_text, platform, model_response, citations, mention_analysis, brand_sentiment)
       VALUES ($1, 'judged', $2, 'perplexity', $3, $4::jsonb, $5::jsonb, $6)`,
      [runId, a.query, a.answer, JSON.stringify(a.citations), cols.mention_analysis, cols.brand_sentiment],
    );
    const read = async () =>
      (
        await t.db.query<{ brand_sentiment: number; analysis_method: string }>(
          `SELECT brand_sentiment, analysis_method FROM analysis_queries WHERE analysis_run_id = $1 AND query_id = 'judged'`,
          [runId],
        )
      )[0]!;
    await reanalyzeRun(t.db, runId, { client: { ...snapshot, aliases: ['Sendinblue'] } });
    expect(await read()).toEqual({ brand_sentiment: -0.5, analysis_method: 'llm' });
    await reanalyzeRun(t.db, runId, {
      client: { ...snapshot, aliases: ['Sendinblue'] },
      dropJudgements: true,
    });
    const dropped = await read();
    expect(dropped.analysis_method).toBe('heuristic');
    expect(dropped.brand_sentiment).toBeGreaterThan(0);
    await t.db.query(`DELETE FROM analysis_queries WHERE analysis_run_id = $1 AND query_id = 'judged'`, [
      runId,
    ]);
  });

  it('names a missing run plainly', async () => {
    await expect(reanalyzeRun(t.db, '00000000-0000-0000-0000-0000000000ff')).rejects.toBeInstanceOf(
      InputError,
    );
  });
});
