import type { Queryable } from '../storage/database.js';
import type { ClaimedItem } from './claimed-item.js';

/**
 * Gives items back at once (graceful shutdown): they return to `pending`, due now, and the
 * interrupted attempt is not counted against them.
 */
export async function releaseItems(db: Queryable, items: ClaimedItem[]): Promise<number> {
  if (items.length === 0) return 0;
  const rows = await db.query(
    `UPDATE analysis_queue q
        SET status = 'pending', attempts = greatest(q.attempts - 1, 0), processor_id = NULL,
            lease_expires_at = NULL, run_at = now(), updated_at = now()
       FROM unnest($1::uuid[], $2::int[]) AS h(id, attempt)
      WHERE q.id = h.id AND q.attempts = h.attempt AND q.processor_id = $3 AND q.status = 'processing'
     RETURNING q.id`,
    [items.map((i) => i.id), items.map((i) => i.attempt), items[0]!.workerId],
  );
  return rows.length;
}
