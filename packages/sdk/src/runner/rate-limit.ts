import type { RateLimitSnapshot } from '../contract/rate-limit.js';
import type { Queryable } from '../storage/database.js';
import { abortableSleep } from './abortable-sleep.js';

/** How fast one provider account may be called, shared by every worker on every machine. */
export interface RateLimitPolicy {
  requestsPerMinute: number;
  /** Calls allowed back to back after a quiet period (default 1: evenly spaced). */
  burst?: number;
}

function intervalMs(policy: RateLimitPolicy): number {
  return Math.max(1, Math.ceil(60_000 / policy.requestsPerMinute));
}

/**
 * Takes one call from the account's bucket in one atomic statement (GCRA on the database clock:
 * an INSERT ... ON CONFLICT DO UPDATE ... WHERE that only moves the bucket when a call is allowed).
 * Returns 0 when the caller may call now, else how many milliseconds to wait before asking again.
 */
export async function acquireRateLimit(
  db: Queryable,
  accountKey: string,
  policy: RateLimitPolicy,
): Promise<number> {
  const interval = intervalMs(policy);
  const tolerance = interval * (Math.max(1, Math.floor(policy.burst ?? 1)) - 1);
  const rows = await db.query<{ wait_ms: number }>(
    `WITH hit AS (
       INSERT INTO citebots_rate_limits AS b (account_key, tat, updated_at)
       VALUES ($1, clock_timestamp() + $2::int * interval '1 millisecond', clock_timestamp())
       ON CONFLICT (account_key) DO UPDATE
          SET tat = greatest(b.tat, clock_timestamp()) + $2::int * interval '1 millisecond',
              updated_at = clock_timestamp()
        WHERE b.tat - $3::int * interval '1 millisecond' <= clock_timestamp()
       RETURNING 0::float8 AS wait_ms
     )
     SELECT wait_ms FROM hit
     UNION ALL
     SELECT greatest(1, ceil(extract(epoch FROM (b.tat - $3::int * interval '1 millisecond' - clock_timestamp())) * 1000))::float8
       FROM citebots_rate_limits b
      WHERE b.account_key = $1 AND NOT EXISTS (SELECT 1 FROM hit)`,
    [accountKey, interval, tolerance],
  );
  // No row: another worker created the bucket in the same instant; ask again after one interval.
  return rows[0] ? Number(rows[0].wait_ms) : interval;
}

/** How far ahead a caller may reserve a call (beyond it, the caller is told to ask again later). */
export const MAX_RESERVATION_MS = 60_000;

export interface RateLimitReservation {
  /** Milliseconds to wait before calling (0: call now). */
  waitMs: number;
  /**
   * True when the call is booked: the caller sleeps `waitMs` and then calls without asking again.
   * False when the bucket is booked further ahead than `MAX_RESERVATION_MS`: nothing was taken;
   * sleep `waitMs` and ask again.
   */
  reserved: boolean;
}

/**
 * GCRA with reservation, one statement: takes the next free slot of the account's bucket even
 * when it lies in the future (moving the theoretical arrival time one interval on) and returns how
 * long to wait for it, so waiting callers never race for the same slot. A slot more than
 * `maxAheadMs` ahead is not booked.
 */
export async function reserveRateLimit(
  db: Queryable,
  accountKey: string,
  policy: RateLimitPolicy,
  maxAheadMs: number = MAX_RESERVATION_MS,
): Promise<RateLimitReservation> {
  const booked = await reserveRateLimitSlots(db, accountKey, policy, 1, maxAheadMs);
  return booked.reserved
    ? { waitMs: booked.waitsMs[0]!, reserved: true }
    : { waitMs: booked.retryInMs, reserved: false };
}

export type RateLimitSlots =
  | {
      reserved: true;
      /** Milliseconds to wait before each booked call, in order (0: call now). */
      waitsMs: number[];
    }
  | {
      reserved: false;
      /** Nothing was booked: the bucket is booked further ahead than allowed; ask again after this. */
      retryInMs: number;
    };

/**
 * Books `count` consecutive slots of the account's bucket in one statement (the tat moves `count`
 * intervals on): what a worker with several calls waiting for the same account asks for, so the
 * database sees one statement per batch instead of one per call. Slot i may be used `waitsMs[i]`
 * from now; with a burst above 1 the first slots may all be due at once.
 */
export async function reserveRateLimitSlots(
  db: Queryable,
  accountKey: string,
  policy: RateLimitPolicy,
  count: number,
  maxAheadMs: number = MAX_RESERVATION_MS,
): Promise<RateLimitSlots> {
  const interval = intervalMs(policy);
  const tolerance = interval * (Math.max(1, Math.floor(policy.burst ?? 1)) - 1);
  const n = Math.max(1, Math.floor(count));
  const rows = await db.query<{ first_ms: number; reserved: boolean }>(
    `WITH hit AS (
       INSERT INTO citebots_rate_limits AS b (account_key, tat, updated_at)
       VALUES ($1, clock_timestamp() + $2::int * $5::int * interval '1 millisecond', clock_timestamp())
       ON CONFLICT (account_key) DO UPDATE
          SET tat = greatest(b.tat, clock_timestamp()) + $2::int * $5::int * interval '1 millisecond',
              updated_at = clock_timestamp()
        WHERE b.tat - $3::int * interval '1 millisecond' <= clock_timestamp() + $4::int * interval '1 millisecond'
       RETURNING ceil(extract(epoch FROM (b.tat - ($2::int * $5::int + $3::int) * interval '1 millisecond' - clock_timestamp())) * 1000)::float8 AS first_ms
     )
     SELECT first_ms, true AS reserved FROM hit
     UNION ALL
     SELECT greatest(1, ceil(extract(epoch FROM (b.tat - $3::int * interval '1 millisecond' - clock_timestamp())) * 1000))::float8, false
       FROM citebots_rate_limits b
      WHERE b.account_key = $1 AND NOT EXISTS (SELECT 1 FROM hit)`,
    [accountKey, interval, tolerance, Math.round(maxAheadMs), n],
  );
  const row = rows[0];
  // No row: another worker created the bucket in the same instant; ask again after one interval.
  if (!row) return { reserved: false, retryInMs: interval };
  const first = Number(row.first_ms);
  if (!row.reserved) return { reserved: false, retryInMs: first };
  return {
    reserved: true,
    waitsMs: Array.from({ length: n }, (_, i) => Math.max(0, first + i * interval)),
  };
}

/**
 * Waits for a slot of the account's bucket: one reservation query, then a sleep of exactly the
 * time the database said (asking again only when the bucket was booked more than a minute ahead),
 * or until `signal` aborts. Returns the total time waited.
 */
export async function waitForRateLimit(
  db: Queryable,
  accountKey: string,
  policy: RateLimitPolicy,
  signal?: AbortSignal,
): Promise<number> {
  let waited = 0;
  for (;;) {
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    const { waitMs, reserved } = await reserveRateLimit(db, accountKey, policy);
    if (waitMs > 0) {
      waited += waitMs;
      await abortableSleep(waitMs, signal);
    }
    if (reserved) return waited;
  }
}

/**
 * Adaptive slow-down: no worker calls the account before `delayMs` from now (a 429's retry-after,
 * or the reset time when the provider says nothing is left). Never moves the bucket backwards.
 */
export async function slowDownRateLimit(
  db: Queryable,
  accountKey: string,
  delayMs: number,
  reason: string,
): Promise<void> {
  if (!(delayMs > 0)) return;
  await db.query(
    `INSERT INTO citebots_rate_limits AS b (account_key, tat, slowed_until, slowed_reason, updated_at)
     VALUES ($1, clock_timestamp() + $2::int * interval '1 millisecond',
             clock_timestamp() + $2::int * interval '1 millisecond', $3, clock_timestamp())
     ON CONFLICT (account_key) DO UPDATE
        SET tat = greatest(b.tat, excluded.tat),
            slowed_until = greatest(b.slowed_until, excluded.slowed_until),
            slowed_reason = excluded.slowed_reason, updated_at = clock_timestamp()`,
    [accountKey, Math.round(delayMs), reason.slice(0, 500)],
  );
}

/**
 * How long every worker should hold back after a response, from what the provider said:
 * a retry-after always; the reset time when no requests are left; when only a few (under 5 %) are
 * left, the reset time spread over them. Null when there is no reason to slow down.
 */
export function slowDownFromSnapshot(
  snapshot: RateLimitSnapshot | null | undefined,
  retryAfterMs?: number | null,
): number | null {
  const asked = retryAfterMs ?? snapshot?.retryAfterMs ?? null;
  if (asked && asked > 0) return asked;
  if (!snapshot) return null;
  const remaining = snapshot.remainingRequests;
  const reset = snapshot.resetRequestsMs;
  if (remaining == null || reset == null || !(reset > 0)) return null;
  if (remaining <= 0) return reset;
  const limit = snapshot.limitRequests;
  if (limit && limit > 0 && remaining < limit * 0.05) return Math.ceil(reset / (remaining + 1));
  return null;
}

export interface RateLimitState {
  accountKey: string;
  /** When the next call is allowed (the bucket's theoretical arrival time). */
  nextAllowedAt: Date;
  slowedUntil: Date | null;
  slowedReason: string | null;
}

/** The shared buckets, for a health view. */
export async function listRateLimits(db: Queryable): Promise<RateLimitState[]> {
  const rows = await db.query<{
    account_key: string;
    tat: Date;
    slowed_until: Date | null;
    slowed_reason: string | null;
  }>('SELECT account_key, tat, slowed_until, slowed_reason FROM citebots_rate_limits ORDER BY account_key');
  return rows.map((r) => ({
    accountKey: r.account_key,
    nextAllowedAt: new Date(r.tat),
    slowedUntil: r.slowed_until ? new Date(r.slowed_until) : null,
    slowedReason: r.slowed_reason,
  }));
}
