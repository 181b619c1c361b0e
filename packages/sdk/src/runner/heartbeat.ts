import type { Queryable } from '../storage/database.js';
import type { ClaimedItem } from './claimed-item.js';

/**
 * Extends the leases of the items this worker still holds (on the database clock) and returns
 * the ids it no longer holds (reclaimed, cancelled), whose calls the worker should abort. The rows
 * are locked in id order first, as a batch of completions locks them (`completeItems`), so the two
 * never deadlock on the rows they share.
 */
export async function extendLeases(db: Queryable, items: ClaimedItem[], leaseMs: number): Promise<string[]> {
  if (items.length === 0) return [];
  const ids = items.map((i) => i.id);
  const attempts = items.map((i) => i.attempt);
  const rows = await db.query<{ id: string }>(
    `WITH held AS MATERIALIZED (
       SELECT q.id FROM analysis_queue q JOIN unnest($1::uuid[], $2::int[]) AS h(id, attempt) ON h.id = q.id
        WHERE q.attempts = h.attempt AND q.processor_id = $4 AND q.status = 'processing'
        ORDER BY q.id
        FOR UPDATE OF q
     )
     UPDATE analysis_queue q
        SET lease_expires_at = now() + $3::int * interval '1 millisecond', heartbeat_at = now()
       FROM held h
      WHERE q.id = h.id
     RETURNING q.id`,
    [ids, attempts, Math.round(leaseMs), items[0]!.workerId],
  );
  const held = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !held.has(id));
}
