import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimItems,
  getRun,
  RateLimitGate,
  type RunnerEvent,
  reserveRateLimitSlots,
  runWorker,
  submitRun,
} from '../../src/index.js';
import type { Queryable } from '../../src/storage/database.js';
import { usePreparedStatements } from '../../src/storage/prepared-statements.js';
import type { TestDatabase } from '../../src/testing/index.js';
import { fakePlatform } from './fake-platform.js';
import { client, queries } from './run-inputs.js';
import { createRunnerDatabase, type RunnerDbKind, runnerKinds } from './test-databases.js';

/** The database, counting the statements that book rate-limit slots. */
function countingBookings(db: Queryable): { db: Queryable; bookings: () => number } {
  let bookings = 0;
  return {
    db: {
      query(text, params) {
        if (text.includes('INSERT INTO citebots_rate_limits')) bookings++;
        return db.query(text, params);
      },
    },
    bookings: () => bookings,
  };
}

describe.each<RunnerDbKind>(await runnerKinds())('run refresh and rate-limit bookings on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createRunnerDatabase(kind);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('books consecutive slots in one statement, one interval apart', async () => {
    const key = `perplexity:slots-${kind}`;
    const before = Date.now();
    const first = await reserveRateLimitSlots(t.db, key, { requestsPerMinute: 600 }, 4);
    expect(first.reserved).toBe(true);
    if (!first.reserved) return;
    expect(first.waitsMs).toHaveLength(4);
    const gaps = first.waitsMs.slice(1).map((w, i) => w - first.waitsMs[i]!);
    // The first slot may be due already (then its wait is 0 and the next one comes a little sooner).
    expect(gaps.slice(1)).toEqual([100, 100]);
    expect(gaps[0]).toBeGreaterThan(0);
    expect(gaps[0]).toBeLessThanOrEqual(100);
    // The next booking starts one interval after the last of the four taken (absolute times: the
    // waits are relative to each statement's own clock reading).
    const next = await reserveRateLimitSlots(t.db, key, { requestsPerMinute: 600 }, 1);
    const after = Date.now();
    expect(next.reserved).toBe(true);
    if (!next.reserved) return;
    expect(after + next.waitsMs[0]!).toBeGreaterThanOrEqual(before + first.waitsMs[3]! + 98);
  });

  it('serves callers waiting for the same account from shared bookings', async () => {
    const counted = countingBookings(t.db);
    const gate = new RateLimitGate(counted.db, { windowMs: 1_000 });
    const policy = { requestsPerMinute: 6_000 }; // one slot per 10 ms, up to 100 per booking
    const waits = await Promise.all(
      Array.from({ length: 12 }, () => gate.wait(`chatgpt:gate-${kind}`, policy)),
    );
    expect(waits).toHaveLength(12);
    expect(counted.bookings()).toBeLessThan(12);
    expect(counted.bookings()).toBeGreaterThanOrEqual(1);
  });

  it('a worker closes a run whose items all ended while nobody refreshed it', async () => {
    const { run } = await submitRun(t.db, {
      client,
      queries: queries(3, 'abandoned'),
      options: { platforms: ['perplexity'] },
    });
    // A worker that died right after its last completion: the items ended, the run row did not move.
    const items = await claimItems(t.db, {
      workerId: 'gone',
      limit: 3,
      platforms: ['perplexity'],
      leaseMs: 60_000,
      runId: run.id,
    });
    expect(items).toHaveLength(3);
    await t.db.query(
      `UPDATE analysis_queue SET status = 'failed', completed_at = now(), lease_expires_at = NULL
        WHERE analysis_run_id = $1`,
      [run.id],
    );
    const [stale] = await t.db.query<{ status: string }>('SELECT status FROM analysis_runs WHERE id = $1', [
      run.id,
    ]);
    expect(stale!.status).toBe('queued');
    expect((await getRun(t.db, run.id))!.counts).toMatchObject({ failed: 3, pending: 0, processing: 0 });

    const events: RunnerEvent[] = [];
    await runWorker({
      db: t.db,
      platforms: { perplexity: fakePlatform('perplexity') },
      stopWhenIdle: true,
      pollMs: 20,
      onEvent: (e) => events.push(e),
    });
    const closed = await getRun(t.db, run.id);
    expect(closed!.status).toBe('failed');
    expect(closed!.counts).toMatchObject({ total: 3, failed: 3 });
    expect(events).toContainEqual({ type: 'run-finished', runId: run.id, status: 'failed' });
  });

  it('leaves the run row exact when the worker returns', async () => {
    const { run } = await submitRun(t.db, {
      client,
      queries: queries(7, 'exact'),
      options: { platforms: ['perplexity', 'claude'] },
    });
    await runWorker({
      db: t.db,
      platforms: { perplexity: fakePlatform('perplexity'), claude: fakePlatform('claude') },
      runId: run.id,
      concurrency: 5,
      stopWhenIdle: true,
      pollMs: 20,
    });
    const [row] = await t.db.query<Record<string, unknown>>(
      `SELECT status, queries_total, queries_queued, queries_processing, queries_completed, queries_failed,
              cost_usd::float8 AS cost_usd
         FROM analysis_runs WHERE id = $1`,
      [run.id],
    );
    expect(row).toEqual({
      status: 'completed',
      queries_total: 14,
      queries_queued: 0,
      queries_processing: 0,
      queries_completed: 14,
      queries_failed: 0,
      cost_usd: 0.14,
    });
  });
});

describe('prepared statements', () => {
  it('are used on direct connections and not behind a transaction pooler', () => {
    expect(usePreparedStatements('postgres://u@db.example.com:5432/app', undefined, {})).toBe(true);
    expect(usePreparedStatements('postgres://u@pooler.supabase.com:6543/postgres', undefined, {})).toBe(
      false,
    );
    expect(usePreparedStatements('postgres://u@127.0.0.1:6432/app', undefined, {})).toBe(false);
    expect(usePreparedStatements('postgres://u@h/app?pgbouncer=true', undefined, {})).toBe(false);
    expect(usePreparedStatements('postgres://u@h/app', undefined, { CITEBOTS_DB_PREPARE: 'false' })).toBe(
      false,
    );
    expect(usePreparedStatements('postgres://u@h:6543/app', undefined, { CITEBOTS_DB_PREPARE: 'true' })).toBe(
      true,
    );
    expect(usePreparedStatements('postgres://u@h:6543/app', true, { CITEBOTS_DB_PREPARE: 'false' })).toBe(
      true,
    );
  });
});
