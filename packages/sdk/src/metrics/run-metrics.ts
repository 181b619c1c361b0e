import { isCurrentAnalysis } from '../analysis/analysis-version.js';
import type { StoredAnswerRow } from '../analysis/stored-rows.js';
import { jsonValue } from '../common/json-value.js';
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
 *
 * The answer analysis and the client profile's validation load only when some row needs
 * re-analysing (`citebots status` then starts sooner).
 */
export async function computeRunMetrics(
  db: Queryable,
  runId: string,
  options: RunMetricsOptions = {},
): Promise<RunMetrics> {
  const rows = await db.query<Row>(
    `SELECT platform, data_source, query_id, query_text, query_keyword, query_category,
            model_response, citations, mention_analysis, analysis_version
       FROM analysis_queries
      WHERE analysis_run_id = $1 AND model_response IS NOT NULL AND coalesce(status, 'completed') = 'completed'
      ORDER BY id`,
    [runId],
  );
  const rescore = options.client !== undefined;
  const stored = rows.map((r) => (rescore ? null : jsonValue(r.mention_analysis)));
  if (stored.every(isCurrentAnalysis)) {
    const identity = await snapshotIdentity(db, runId);
    if (identity)
      return computeMetrics(
        rows.map((r, i) => metricsRow(r, stored[i]!)),
        { runId, client: identity },
      );
  }
  const { loadRunClient, storedOrFreshAnalysis } = await import('../analysis/stored-rows.js');
  const client = options.client ?? (await loadRunClient(db, runId));
  const metricsRows = rows.map((r) => metricsRow(r, storedOrFreshAnalysis(r, client, rescore)));
  return computeMetrics(metricsRows, { runId, client: { name: client.name, domain: client.domain } });
}

function metricsRow(r: Row, analysis: MetricsRow['analysis']): MetricsRow {
  return { platform: r.platform ?? r.data_source ?? 'unknown', category: r.query_category, analysis };
}

/**
 * The client name and domain of the run's snapshot, as submitRun validated and stored them; null
 * when the run has none with both (an imported run), and loadRunClient then finds and checks them.
 */
async function snapshotIdentity(
  db: Queryable,
  runId: string,
): Promise<{ name: string; domain: string } | null> {
  const [run] = await db.query<{ client_snapshot: unknown }>(
    'SELECT client_snapshot FROM analysis_runs WHERE id = $1',
    [runId],
  );
  const snapshot = jsonValue(run?.client_snapshot) as { name?: unknown; domain?: unknown } | null;
  const { name, domain } = snapshot ?? {};
  return typeof name === 'string' && name && typeof domain === 'string' && domain ? { name, domain } : null;
}
