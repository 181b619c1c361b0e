import type { Queryable } from '../storage/database.js';

/**
 * Closes a run whose items are all terminal, inside the caller's transaction (the counters were
 * moved by the item's trigger in that same transaction). Returns the new status, or null.
 */
export async function finishRunIfDone(tx: Queryable, runId: string): Promise<string | null> {
  const rows = await tx.query<{ status: string }>(
    `UPDATE analysis_runs
        SET status = CASE WHEN queries_completed = 0 AND queries_failed > 0 THEN 'failed' ELSE 'completed' END,
            completed_at = now(), updated_at = now()
      WHERE id = $1 AND queries_queued = 0 AND queries_processing = 0 AND status IN ('queued', 'running')
     RETURNING status`,
    [runId],
  );
  return rows[0]?.status ?? null;
}
