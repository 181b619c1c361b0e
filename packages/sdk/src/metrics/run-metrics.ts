import { loadRunClient, type StoredAnswerRow, storedOrFreshAnalysis } from '../analysis/stored-rows.js';
import type { ClientProfile } from '../schemas/client-profile.js';
import type { Queryable } from '../storage/database.js';
import { computeMetrics, type MetricsRow } from './compute-metrics.js';
import type { RunMetrics } from './types.js';

export interface RunMetricsOptions {
  /** Score against this profile instead of the run's snapshot (answers are re-analysed in memory). */
  client?: ClientProfile;
}

interface Row extends StoredAnswerRow {
  platform: string | null;
  data_source: string | null;
  analysis_version: number | null;
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
    const analysis = storedOrFreshAnalysis(r, client, Boolean(options.client));
    return { platform: r.platform ?? r.data_source ?? 'unknown', category: r.query_category, analysis };
  });
  return computeMetrics(metricsRows, { runId, client: { name: client.name, domain: client.domain } });
}
