import type { Database } from '../storage/database.js';
import { refreshRun } from './refresh-run.js';

/**
 * After a hard quota or authentication error, every later call to that platform account fails the
 * same way: the run's remaining items of that platform end `failed` with that error instead of
 * being retried. Returns how many items were stopped.
 */
export async function stopPlatformItems(
  db: Database,
  runId: string,
  platform: string,
  message: string,
): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      `UPDATE analysis_queue SET status = 'failed', completed_at = now(), updated_at = now(),
              error_message = $3, error_details = jsonb_build_object('kind', 'platform_stopped')
        WHERE analysis_run_id = $1 AND platform = $2 AND status = 'pending' RETURNING id`,
      [runId, platform, message],
    );
    await refreshRun(tx, runId);
    return rows.length;
  });
}
