import type { Queryable } from '../storage/database.js';
import type { RunHealth } from './types.js';

/** Queue health of one run, read from the items themselves. */
export async function getRunHealth(db: Queryable, runId: string): Promise<RunHealth> {
  const rows = await db.query<{
    queued: number;
    processing: number;
    completed: number;
    failed: number;
    cancelled: number;
    stuck: number;
    recent: number;
    cost: number | null;
  }>(
    `SELECT count(*) FILTER (WHERE status = 'pending')::int AS queued,
            count(*) FILTER (WHERE status = 'processing')::int AS processing,
            count(*) FILTER (WHERE status = 'completed')::int AS completed,
            count(*) FILTER (WHERE status = 'failed')::int AS failed,
            count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
            count(*) FILTER (WHERE status = 'processing' AND (lease_expires_at IS NULL OR lease_expires_at < now()))::int AS stuck,
            count(*) FILTER (WHERE status IN ('completed', 'failed') AND completed_at > now() - interval '5 minutes')::int AS recent,
            sum(cost_usd) AS cost
       FROM analysis_queue WHERE analysis_run_id = $1`,
    [runId],
  );
  const r = rows[0]!;
  return {
    runId,
    queued: r.queued,
    processing: r.processing,
    completed: r.completed,
    failed: r.failed,
    cancelled: r.cancelled,
    stuck: r.stuck,
    throughputPerMinute: r.recent / 5,
    costUsd: Number(r.cost ?? 0),
  };
}
