import type { Database } from '../storage/database.js';
import { refreshRun } from './refresh-run.js';
import { applySessionLimits } from './session-limits.js';

export const DEFAULT_LEASE_MS = 60_000;

/**
 * Returns items whose lease expired (their worker died, hung or lost its connection) to the queue,
 * judged on the database clock. Items with no attempts left end `failed` with the reason kept.
 * Items from the old system stuck in 'processing' without a lease count as expired once their
 * `started_at` is older than `legacyLeaseMs`. Safe to run from many workers at once: a row is
 * requeued by exactly one of them. Returns the number of items reclaimed.
 */
export async function reclaimExpiredLeases(
  db: Database,
  legacyLeaseMs: number = DEFAULT_LEASE_MS,
): Promise<number> {
  return db.transaction(async (tx) => {
    await applySessionLimits(tx);
    const rows = await tx.query<{ analysis_run_id: string; status: string }>(
      `UPDATE analysis_queue
          SET status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'pending' END,
              error_message = CASE WHEN attempts >= max_attempts
                THEN 'lease expired on the last attempt: the worker stopped responding (' || coalesce(processor_id, 'unknown') || ')'
                ELSE coalesce(error_message, 'lease expired: the worker stopped responding') END,
              completed_at = CASE WHEN attempts >= max_attempts THEN now() ELSE NULL END,
              processor_id = NULL, lease_expires_at = NULL, run_at = now(), updated_at = now()
        WHERE status = 'processing'
          AND (lease_expires_at < now()
               OR (lease_expires_at IS NULL AND coalesce(started_at, created_at) < now() - $1::int * interval '1 millisecond'))
       RETURNING analysis_run_id, status`,
      [Math.round(legacyLeaseMs)],
    );
    const failedRuns = [...new Set(rows.filter((r) => r.status === 'failed').map((r) => r.analysis_run_id))];
    for (const runId of failedRuns) await refreshRun(tx, runId);
    return rows.length;
  });
}
