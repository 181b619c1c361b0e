import type { Database } from '../storage/database.js';
import { type ClaimedItem, type ClaimedRow, toClaimedItem } from './claimed-item.js';
import { applySessionLimits, type SessionLimits } from './session-limits.js';

export interface ClaimOptions {
  workerId: string;
  limit: number;
  platforms: string[];
  leaseMs: number;
  runId?: string | null;
  /** Statement and idle-in-transaction timeouts for the claim transaction (SET LOCAL). */
  sessionLimits?: SessionLimits;
}

/**
 * Atomically claims up to `limit` due items in one statement: a CTE picks them with
 * FOR UPDATE SKIP LOCKED (the fence that stops the planner updating more than LIMIT rows), the UPDATE
 * marks them processing, counts the attempt and sets the lease on the database clock.
 * Items of paused, cancelled or finished runs are never claimed. The run is marked running in the
 * same transaction.
 */
export async function claimItems(db: Database, o: ClaimOptions): Promise<ClaimedItem[]> {
  if (o.limit <= 0 || o.platforms.length === 0) return [];
  const rows = await db.transaction(async (tx) => {
    await applySessionLimits(tx, o.sessionLimits);
    const claimed = await tx.query<ClaimedRow>(
      `WITH next AS (
       SELECT q.id
         FROM analysis_queue q
         JOIN analysis_runs r ON r.id = q.analysis_run_id
        WHERE q.status = 'pending'
          AND q.run_at <= now()
          AND q.platform = ANY($1::text[])
          AND ($2::uuid IS NULL OR q.analysis_run_id = $2::uuid)
          AND r.status IN ('queued', 'running')
        ORDER BY q.priority DESC, q.run_at, q.created_at, q.id
        LIMIT $3
        FOR UPDATE OF q SKIP LOCKED
     )
     UPDATE analysis_queue q
        SET status = 'processing',
            attempts = q.attempts + 1,
            processor_id = $4,
            started_at = now(),
            heartbeat_at = now(),
            lease_expires_at = now() + $5::int * interval '1 millisecond',
            updated_at = now()
       FROM next
      WHERE q.id = next.id
     RETURNING q.id, q.analysis_run_id, q.platform, q.query_id, q.query_text, q.query_data, q.attempts, q.max_attempts`,
      [o.platforms, o.runId ?? null, o.limit, o.workerId, Math.round(o.leaseMs)],
    );
    if (claimed.length > 0) {
      await tx.query(
        `UPDATE analysis_runs SET status = 'running', started_at = coalesce(started_at, now()), updated_at = now()
          WHERE id = ANY($1::uuid[]) AND status = 'queued'`,
        [[...new Set(claimed.map((r) => r.analysis_run_id))]],
      );
    }
    return claimed;
  });
  return rows.map((r) => toClaimedItem(r, o.workerId));
}
