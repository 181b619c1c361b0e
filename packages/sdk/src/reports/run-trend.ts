import { computeRunMetrics } from '../metrics/run-metrics.js';
import type { RunStatus } from '../runner/types.js';
import type { Queryable } from '../storage/database.js';
import type { ReportTrendPoint } from './types.js';

/**
 * The client's runs up to and including `runId` (at most `limit`, oldest first), each with its
 * non-branded visibility, share of voice and citation share. Runs without answers are left out.
 */
export async function loadClientTrend(db: Queryable, runId: string, limit = 12): Promise<ReportTrendPoint[]> {
  const runs = await db.query<{ id: string; created_at: Date | string; status: string }>(
    `SELECT r.id, r.created_at, r.status
       FROM analysis_runs r
       JOIN analysis_runs me ON me.id = $1
      WHERE r.client_id = me.client_id AND r.archived_at IS NULL AND r.created_at <= me.created_at
        AND EXISTS (SELECT 1 FROM analysis_queries q WHERE q.analysis_run_id = r.id AND q.model_response IS NOT NULL)
      ORDER BY r.created_at DESC, r.id DESC
      LIMIT $2`,
    [runId, limit],
  );
  const points: ReportTrendPoint[] = [];
  for (const run of runs.reverse()) {
    const m = await computeRunMetrics(db, run.id);
    const seg = m.overall.nonBranded.answers > 0 ? m.overall.nonBranded : m.overall.branded;
    points.push({
      runId: run.id,
      createdAt: new Date(run.created_at).toISOString(),
      status: run.status as RunStatus,
      answers: seg.answers,
      visibility: seg.visibility,
      shareOfVoice: seg.shareOfVoice,
      citationShare: seg.citationShare,
    });
  }
  return points;
}
