import type { Database } from '../storage/database.js';
import { refreshRun } from './refresh-run.js';

/**
 * Cancels a run: its pending and in-flight items end `cancelled` (a worker still calling the
 * engine for one of them loses the fence and writes nothing). Returns the items cancelled.
 */
export async function cancelRun(db: Database, runId: string): Promise<number> {
  return db.transaction(async (tx) => {
    // The run first, so a worker's refresh in between cannot close it as completed.
    await tx.query(
      `UPDATE analysis_runs SET status = 'cancelled', cancelled_at = now(), completed_at = now(), updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'running', 'paused')`,
      [runId],
    );
    const rows = await tx.query(
      `UPDATE analysis_queue SET status = 'cancelled', completed_at = now(), lease_expires_at = NULL, updated_at = now()
        WHERE analysis_run_id = $1 AND status IN ('pending', 'processing') RETURNING id`,
      [runId],
    );
    await refreshRun(tx, runId);
    return rows.length;
  });
}

/** Puts a run's failed items back in the queue with fresh attempts. Returns how many. */
export async function retryFailedItems(db: Database, runId: string): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      `UPDATE analysis_queue SET status = 'pending', attempts = 0, run_at = now(), completed_at = NULL,
              processor_id = NULL, updated_at = now()
        WHERE analysis_run_id = $1 AND status = 'failed' RETURNING id`,
      [runId],
    );
    if (rows.length > 0) {
      await tx.query(
        `UPDATE analysis_runs SET status = 'running', completed_at = NULL, updated_at = now()
          WHERE id = $1 AND status IN ('completed', 'failed', 'running', 'queued')`,
        [runId],
      );
      await refreshRun(tx, runId);
    }
    return rows.length;
  });
}

/**
 * Resumes a paused run (after a cost guard or a stopped platform account). Returns true when it was
 * paused. Pass `maxCostUsd` to raise (or, with null, remove) the run's cost cap at the same time;
 * a run resumed while still over a limit pauses again before its next call.
 */
export async function resumeRun(
  db: Database,
  runId: string,
  options: { maxCostUsd?: number | null } = {},
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const setCap = options.maxCostUsd !== undefined;
    const rows = await tx.query(
      `UPDATE analysis_runs SET status = 'running', paused_reason = NULL, updated_at = now(),
              max_cost_usd = CASE WHEN $2 THEN $3::numeric ELSE max_cost_usd END
        WHERE id = $1 AND status = 'paused' RETURNING id`,
      [runId, setCap, options.maxCostUsd ?? null],
    );
    if (rows.length === 0) return false;
    // Recounted: closed when nothing is left, paused again at once when still over its cost cap.
    await refreshRun(tx, runId);
    return true;
  });
}

/** Pauses a run: workers claim none of its items until it is resumed. */
export async function pauseRun(db: Database, runId: string, reason: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE analysis_runs SET status = 'paused', paused_reason = $2, updated_at = now()
      WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
    [runId, reason],
  );
  return rows.length > 0;
}
