import type { Database } from '../storage/database.js';
import { type ClaimedItem, type ClaimedRow, toClaimedItem } from './claimed-item.js';
import type { SessionLimits } from './session-limits.js';

export interface ClaimOptions {
  workerId: string;
  limit: number;
  platforms: string[];
  leaseMs: number;
  runId?: string | null;
  /** Accepted for compatibility: the claim is one autocommit statement (no transaction left idle). */
  sessionLimits?: SessionLimits;
}

/**
 * Atomically claims up to `limit` due items in one statement: a CTE picks them in the order of the
 * claim index (migration 0008) with FOR UPDATE SKIP LOCKED (the fence that stops the planner
 * updating more than LIMIT rows), the UPDATE marks them processing, counts the attempt and sets the
 * lease on the database clock. Items of paused, cancelled or finished runs, and of runs whose cost
 * reached `max_cost_usd`, are never claimed: the runs that may be claimed from are read once per
 * statement (an InitPlan over the open-runs index, migration 0011) and each candidate is checked
 * against that list, so the planner keeps walking the claim index in order instead of sorting every
 * pending item, and no candidate costs a lookup of its run (which 8 claimers skipping each other's
 * locked rows paid several times per claim). The run rows are only read, never locked: workers
 * refresh their counters and status apart.
 *
 * The claim commits without waiting for its WAL flush (`synchronous_commit` off for this one
 * transaction): a claim lost in a database crash only puts the item back in the queue, and the
 * worker's completion of it is then refused by the fence, so nothing is lost or stored twice.
 * Completions wait for the flush as usual.
 */
/** Where the parameters of a claim sit in the statement that embeds it. */
export interface ClaimParams {
  platforms: string;
  runId: string;
  limit: string;
  workerId: string;
  leaseMs: string;
}

/**
 * The two CTEs of a claim, `claim_pick` (the items, locked) and `claimed` (marked processing,
 * returning their rows), for a statement that embeds them: `claimItems`, and `completeItem` with
 * `claimNext` (the next item claimed in the completion's own statement).
 */
export function claimCtes(p: ClaimParams): string {
  return `claim_pick AS (
       SELECT q.id
         FROM analysis_queue q
        WHERE q.status = 'pending'
          AND q.run_at <= now()
          AND q.platform = ANY(${p.platforms}::text[])
          AND (${p.runId}::uuid IS NULL OR q.analysis_run_id = ${p.runId}::uuid)
          AND q.analysis_run_id = ANY (ARRAY(
                SELECT r.id FROM analysis_runs r
                 WHERE r.status IN ('queued', 'running') AND (r.max_cost_usd IS NULL OR r.cost_usd < r.max_cost_usd)))
        ORDER BY q.priority DESC, q.run_at, q.created_at, q.id
        LIMIT ${p.limit}
        FOR UPDATE OF q SKIP LOCKED
     ), claimed AS (
       UPDATE analysis_queue q
          SET status = 'processing',
              attempts = q.attempts + 1,
              processor_id = ${p.workerId},
              started_at = now(),
              heartbeat_at = now(),
              lease_expires_at = now() + ${p.leaseMs}::int * interval '1 millisecond',
              updated_at = now()
         FROM claim_pick
        WHERE q.id = claim_pick.id
       RETURNING q.id, q.analysis_run_id, q.platform, q.query_id, q.query_text, q.query_data, q.attempts, q.max_attempts
     )`;
}

const CLAIM_STATEMENT = `WITH ${claimCtes({ platforms: '$1', runId: '$2', limit: '$3', workerId: '$4', leaseMs: '$5' })},
     async_commit AS (SELECT set_config('synchronous_commit', 'off', true))
     SELECT c.* FROM claimed c, async_commit`;

export async function claimItems(db: Database, o: ClaimOptions): Promise<ClaimedItem[]> {
  if (o.limit <= 0 || o.platforms.length === 0) return [];
  const rows = await db.query<ClaimedRow>(CLAIM_STATEMENT, [
    o.platforms,
    o.runId ?? null,
    o.limit,
    o.workerId,
    Math.round(o.leaseMs),
  ]);
  return rows.map((r) => toClaimedItem(r, o.workerId));
}
