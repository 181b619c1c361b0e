import type { Database } from '../storage/database.js';
import type { ClaimedItem } from './claimed-item.js';

export interface AccountPauseOutcome {
  /** False when the worker no longer held the item: nothing was written. */
  accepted: boolean;
  /** True when this call paused the run (it was queued or running). */
  paused: boolean;
}

/**
 * What the runner does after a hard quota, billing or authentication error (`stopsPlatform`):
 * every later call to that provider account would fail the same way, but the items are not at
 * fault. So the item goes back to the queue with its attempt given back and the error kept, and
 * the run is paused with a reason naming the platform and the fix. Nothing is failed, no attempt
 * is spent: after topping up the account or fixing the key, `resumeRun` (or `citebots resume`)
 * continues exactly where it stopped. Other runs using the same account pause the same way on
 * their first call (one free rejected call each).
 *
 * (The previous behaviour, failing all of the run's remaining items of that platform, is still
 * available as `stopPlatformItems` for callers that prefer to finish the run without it.)
 */
export async function pauseRunForAccount(
  db: Database,
  item: ClaimedItem,
  message: string,
): Promise<AccountPauseOutcome> {
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      `UPDATE analysis_queue
          SET status = 'pending', attempts = greatest(attempts - 1, 0), processor_id = NULL,
              lease_expires_at = NULL, run_at = now(), updated_at = now(), error_message = $4,
              error_details = jsonb_build_object('kind', 'account_stopped', 'attempt', $3::int)
        WHERE id = $1 AND processor_id = $2 AND attempts = $3 AND status = 'processing'
       RETURNING id`,
      [item.id, item.workerId, item.attempt, message],
    );
    if (rows.length === 0) return { accepted: false, paused: false };
    const paused = await tx.query(
      `UPDATE analysis_runs SET status = 'paused', updated_at = now(), paused_reason = $2
        WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
      [
        item.runId,
        `${item.platform} account stopped: ${message}. Fix the account (API key, quota or billing), ` +
          `then resume the run (citebots resume ${item.runId}).`,
      ],
    );
    return { accepted: true, paused: paused.length > 0 };
  });
}
