import { ANALYSIS_VERSION, type AnswerAnalysis, analyzeAnswer } from '../analysis/answer-analysis.js';
import { jsonValue, loadRunClient, storedCitations } from '../analysis/stored-rows.js';
import type { ClientProfile } from '../schemas/client-profile.js';
import type { Queryable } from '../storage/database.js';
import { computeMetrics, type MetricsRow } from './compute-metrics.js';
import type { RunMetrics } from './types.js';

export interface RunMetricsOptions {
  /** Score against this profile instead of the run's snapshot (answers are re-analysed in memory). */
  client?: ClientProfile;
}

interface Row {
  platform: string | null;
  data_source: string | null;
  query_id: string | null;
  query_text: string | null;
  query_keyword: string | null;
  query_category: string | null;
  model_response: string;
  citations: unknown;
  mention_analysis: unknown;
  analysis_version: number | null;
}

function isCurrent(value: unknown): value is AnswerAnalysis {
  const a = value as AnswerAnalysis | null;
  return Boolean(
    a && a.version === ANALYSIS_VERSION && a.brand && Array.isArray(a.competitors) && a.sentiment,
  );
}

/**
 * A run's metrics from its stored answers. Rows analysed by the current analysis version are read
 * as stored (keeping any LLM judge values); older rows, and every row when `client` is given, are
 * re-analysed in memory from `model_response` and `citations` (nothing is written; use
 * reanalyzeRun to store). Answers without a response (failed items) are not counted.
 */
export async function computeRunMetrics(
  db: Queryable,
  runId: string,
  options: RunMetricsOptions = {},
): Promise<RunMetrics> {
  const client = options.client ?? (await loadRunClient(db, runId));
  const rows = await db.query<Row>(
    `SELECT platform, data_source, query_id, query_text, query_keyword, query_category,
            model_response, citations, mention_analysis, analysis_version
       FROM analysis_queries
      WHERE analysis_run_id = $1 AND model_response IS NOT NULL AND coalesce(status, 'completed') = 'completed'
      ORDER BY id`,
    [runId],
  );
  const metricsRows: MetricsRow[] = rows.map((r) => {
    const stored = options.client ? null : jsonValue(r.mention_analysis);
    const analysis = isCurrent(stored)
      ? stored
      : analyzeAnswer(
          {
            query: {
              id: r.query_id ?? '',
              text: r.query_text ?? '',
              keyword: r.query_keyword,
              category: r.query_category,
              intent: null,
            },
            answer: r.model_response,
            citations: storedCitations(r.citations),
          },
          client,
        );
    return { platform: r.platform ?? r.data_source ?? 'unknown', category: r.query_category, analysis };
  });
  return computeMetrics(metricsRows, { runId, client: { name: client.name, domain: client.domain } });
}
