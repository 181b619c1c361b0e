import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acquireRateLimit,
  applySessionLimits,
  claimItems,
  getDailySpend,
  getRun,
  planRun,
  type QueryInput,
  type RunSummary,
  reclaimExpiredLeases,
  resumeRun,
  runWorker,
  slowDownFromSnapshot,
  slowDownRateLimit,
  submitRun,
  watchRun,
} from '../../src/index.js';
import { parseClientProfile, toQueryInputs } from '../../src/schemas/index.js';
import type { TestDatabase } from '../../src/testing/index.js';
import { fakePlatform } from './fake-platform.js';
import { createRunnerDatabase, type RunnerDbKind, runnerKinds } from './test-databases.js';

const client = parseClientProfile({ name: 'Knak', domain: 'knak.com', competitors: [] });
const tenQueries: QueryInput[] = toQueryInputs(
  Array.from({ length: 10 }, (_, i) => ({ text: `Question ${i}?` })),
);
const fast = { pollMs: 20, leaseMs: 5_000, backoff: { baseMs: 10, capMs: 50 } };

async function counters(db: TestDatabase['db'], runId: string) {
  const [row] = await db.query<{ ok: boolean; results: number; completed: number }>(
    `SELECT r.queries_total = c.total AND r.queries_queued = c.pending AND r.queries_processing = c.processing
            AND r.queries_completed = c.completed AND r.queries_failed = c.failed AND r.queries_cancelled = c.cancelled AS ok,
            (SELECT count(*)::int FROM analysis_queries a WHERE a.analysis_run_id = r.id) AS results,
            r.queries_completed AS completed
       FROM analysis_runs r,
            LATERAL (SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'pending')::int AS pending,
                            count(*) FILTER (WHERE status = 'processing')::int AS processing,
                            count(*) FILTER (WHERE status = 'completed')::int AS completed,
                            count(*) FILTER (WHERE status = 'failed')::int AS failed,
                            count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled
                       FROM analysis_queue q WHERE q.analysis_run_id = r.id) c
      WHERE r.id = $1`,
    [runId],
  );
  expect(row!.ok).toBe(true);
  expect(row!.results).toBe(row!.completed);
  return row!;
}

describe('slowDownFromSnapshot', () => {
  it('honours retry-after, waits for the reset when nothing is left, spreads the last few requests', () => {
    expect(slowDownFromSnapshot(null, 2_000)).toBe(2_000);
    expect(slowDownFromSnapshot({ retryAfterMs: 500 })).toBe(500);
    expect(slowDownFromSnapshot({ remainingRequests: 0, resetRequestsMs: 9_000 })).toBe(9_000);
    expect(slowDownFromSnapshot({ limitRequests: 100, remainingRequests: 3, resetRequestsMs: 8_000 })).toBe(
      2_000,
    );
    expect(
      slowDownFromSnapshot({ limitRequests: 100, remainingRequests: 50, resetRequestsMs: 8_000 }),
    ).toBeNull();
    expect(slowDownFromSnapshot(undefined)).toBeNull();
  });
});

describe('planRun', () => {
  it('counts items, calls and the estimated cost per platform without calling anything', () => {
    const a = fakePlatform('perplexity');
    const b = fakePlatform('chatgpt');
    const plan = planRun(
      client,
      tenQueries,
      { perplexity: a, chatgpt: b },
      { maxAttempts: 3, requestsPerMinute: { chatgpt: 20 } },
    );
    expect(plan).toMatchObject({ queries: 10, items: 20, calls: 20, maxCalls: 60 });
    expect(plan.estimatedCostUsd).toBeCloseTo(0.2);
    expect(plan.platforms.map((p) => [p.platform, p.items, p.requestsPerMinute, p.minMinutes])).toEqual([
      ['perplexity', 10, null, null],
      ['chatgpt', 10, 20, 0.5],
    ]);
    expect(a.calls).toHaveLength(0);
  });
});

describe.each<RunnerDbKind>(await runnerKinds())('guards and shared limits on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createRunnerDatabase(kind);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('a bucket allows `burst` calls, then says exactly how long to wait; a slow-down holds every caller back', async () => {
    const key = `perplexity:acct-${kind}`;
    const policy = { requestsPerMinute: 1, burst: 3 };
    const waits = [];
    for (let i = 0; i < 4; i++) waits.push(await acquireRateLimit(t.db, key, policy));
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(waits[3]).toBeGreaterThan(50_000);
    expect(waits[3]).toBeLessThanOrEqual(60_000);

    const other = `chatgpt:acct-${kind}`;
    expect(await acquireRateLimit(t.db, other, { requestsPerMinute: 6_000 })).toBe(0);
    await slowDownRateLimit(t.db, other, 30_000, '429');
    const wait = await acquireRateLimit(t.db, other, { requestsPerMinute: 6_000 });
    expect(wait).toBeGreaterThan(20_000);
    const [row] = await t.db.query<{ account_key: string }>(
      'SELECT account_key FROM citebots_rate_limits WHERE account_key = $1',
      [other],
    );
    expect(row!.account_key).toBe(other);
  });

  it('concurrent callers never take more than the bucket holds', async () => {
    const key = `claude:acct-race-${kind}`;
    const waits = await Promise.all(
      Array.from({ length: 30 }, () => acquireRateLimit(t.db, key, { requestsPerMinute: 1, burst: 5 })),
    );
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
    expect(waits.filter((w) => w > 0)).toHaveLength(25);
  });

  it('SET LOCAL timeouts last for one transaction only', async () => {
    const inside = await t.db.transaction(async (tx) => {
      await applySessionLimits(tx, { statementTimeoutMs: 1234, idleInTransactionTimeoutMs: 5678 });
      return tx.query<{ s: string; i: string }>(
        `SELECT current_setting('statement_timeout') AS s, current_setting('idle_in_transaction_session_timeout') AS i`,
      );
    });
    expect(inside[0]).toEqual({ s: '1234ms', i: '5678ms' });
    const after = await t.db.query<{ s: string }>(`SELECT current_setting('statement_timeout') AS s`);
    expect(after[0]!.s).not.toBe('1234ms');
  });

  it('pauses a run at max_cost_usd within the calls in flight, and resumes it with a higher cap', async () => {
    const { run } = await submitRun(t.db, {
      client,
      queries: tenQueries,
      options: { platforms: ['perplexity'], maxCostUsd: 0.035 },
    });
    expect(run.maxCostUsd).toBe(0.035);
    const platform = fakePlatform('perplexity');
    const events: string[] = [];
    await runWorker({
      db: t.db,
      platforms: { perplexity: platform },
      runId: run.id,
      stopWhenIdle: true,
      concurrency: 1,
      onEvent: (e) => events.push(e.type),
      ...fast,
    });
    const paused = await getRun(t.db, run.id);
    expect(paused!.status).toBe('paused');
    expect(paused!.pausedReason).toMatch(
      /^cost limit reached: the run spent 0\.04\d* USD of its max_cost_usd 0\.035/,
    );
    expect(paused!.counts).toMatchObject({ completed: 4, pending: 6, processing: 0 });
    expect(platform.calls).toHaveLength(4);
    expect(events).toContain('run-paused');
    await counters(t.db, run.id);

    // Resumed without raising the cap: it pauses again before the next call, nothing is called.
    expect(await resumeRun(t.db, run.id)).toBe(true);
    await runWorker({
      db: t.db,
      platforms: { perplexity: platform },
      runId: run.id,
      stopWhenIdle: true,
      ...fast,
    });
    expect((await getRun(t.db, run.id))!.status).toBe('paused');
    expect(platform.calls).toHaveLength(4);
    const attempts = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM analysis_queue WHERE analysis_run_id = $1 AND status = 'pending' AND attempts = 0`,
      [run.id],
    );
    expect(attempts[0]!.n).toBe(6);

    expect(await resumeRun(t.db, run.id, { maxCostUsd: null })).toBe(true);
    await runWorker({
      db: t.db,
      platforms: { perplexity: platform },
      runId: run.id,
      stopWhenIdle: true,
      concurrency: 3,
      ...fast,
    });
    const done = await getRun(t.db, run.id);
    expect(done!.status).toBe('completed');
    expect(done!.costUsd).toBeCloseTo(0.1);
    expect(platform.calls).toHaveLength(10);
    await counters(t.db, run.id);
  });

  it('with calls in flight, a cost cap stops the run within those calls and every paid call is stored', async () => {
    const { run } = await submitRun(t.db, {
      client,
      queries: tenQueries,
      options: { platforms: ['chatgpt'], maxCostUsd: 0.025 },
    });
    const platform = fakePlatform('chatgpt', async (q) => {
      await new Promise((r) => setTimeout(r, 15));
      return fakePlatform('chatgpt').execute(q, { client });
    });
    await runWorker({
      db: t.db,
      platforms: { chatgpt: platform },
      runId: run.id,
      stopWhenIdle: true,
      concurrency: 3,
      ...fast,
    });
    const after = await getRun(t.db, run.id);
    expect(after!.status).toBe('paused');
    expect(after!.counts.completed).toBeGreaterThanOrEqual(3);
    expect(after!.counts.completed).toBeLessThanOrEqual(3 + 2);
    expect(platform.calls).toHaveLength(after!.counts.completed);
    await counters(t.db, run.id);
  });

  it('pauses every run with a daily spend limit once today (UTC) reached it, from the spend ledger (an item claimed ahead goes back uncalled)', async () => {
    const before = await getDailySpend(t.db);
    const { run } = await submitRun(t.db, {
      client,
      queries: tenQueries,
      options: { platforms: ['gemini'], dailySpendLimitUsd: before + 0.025 },
    });
    const platform = fakePlatform('gemini');
    await runWorker({
      db: t.db,
      platforms: { gemini: platform },
      runId: run.id,
      stopWhenIdle: true,
      concurrency: 1,
      claimAhead: 1,
      ...fast,
    });
    const after = await getRun(t.db, run.id);
    expect(after!.status).toBe('paused');
    expect(after!.pausedReason).toMatch(/^daily spend limit reached/);
    expect(after!.counts.completed).toBe(3);
    expect(await getDailySpend(t.db)).toBeCloseTo(before + 0.03);
    expect(await getDailySpend(t.db, 'gemini:test')).toBeCloseTo(0.03);
    await counters(t.db, run.id);
  });

  it('watchRun yields snapshots until the run is terminal', async () => {
    const { run } = await submitRun(t.db, {
      client,
      queries: tenQueries,
      options: { platforms: ['claude'] },
    });
    const slow = fakePlatform('claude', async (q) => {
      await new Promise((r) => setTimeout(r, 10));
      return fakePlatform('claude').execute(q, { client });
    });
    const worker = runWorker({
      db: t.db,
      platforms: { claude: slow },
      runId: run.id,
      stopWhenIdle: true,
      concurrency: 2,
      ...fast,
    });
    const seen: RunSummary[] = [];
    for await (const snapshot of watchRun(t.db, run.id, { intervalMs: 10 })) seen.push(snapshot);
    await worker;
    expect(seen.at(-1)!.status).toBe('completed');
    expect(seen.at(-1)!.counts.completed).toBe(10);
    const done = seen.map((s) => s.counts.completed);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(seen.slice(0, -1).every((s) => s.status !== 'completed')).toBe(true);
  });

  it('racing reclaimers requeue each expired item exactly once', async () => {
    const { run } = await submitRun(t.db, {
      client,
      queries: toQueryInputs(Array.from({ length: 40 }, (_, i) => ({ text: `Reclaim ${i}?` }))),
      options: { platforms: ['perplexity'] },
    });
    const claimed = await claimItems(t.db, {
      workerId: 'dead',
      limit: 100,
      platforms: ['perplexity'],
      leaseMs: 1,
      runId: run.id,
    });
    expect(claimed).toHaveLength(40);
    await new Promise((r) => setTimeout(r, 20));
    const counts = await Promise.all(Array.from({ length: 6 }, () => reclaimExpiredLeases(t.db)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(40);
    const rows = await t.db.query<{ status: string; attempts: number; n: number }>(
      `SELECT status, attempts, count(*)::int AS n FROM analysis_queue WHERE analysis_run_id = $1 GROUP BY 1, 2`,
      [run.id],
    );
    expect(rows).toEqual([{ status: 'pending', attempts: 1, n: 40 }]);
    await counters(t.db, run.id);
  });

  it('20 concurrent identical submissions make one run and one set of items', async () => {
    const queries = toQueryInputs([{ text: 'One?' }, { text: 'Two?' }, { text: 'Three?' }]);
    const input = {
      client: { ...client, domain: `race-${kind}.example` },
      queries,
      options: { platforms: ['perplexity', 'chatgpt'], batchId: 'race-1' },
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => submitRun(t.db, input)));
    expect(new Set(results.map((r) => r.run.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const [n] = await t.db.query<{ runs: number; items: number; clients: number }>(
      `SELECT (SELECT count(*)::int FROM analysis_runs WHERE batch_id = 'race-1') AS runs,
              (SELECT count(*)::int FROM analysis_queue WHERE analysis_run_id = $1) AS items,
              (SELECT count(*)::int FROM clients WHERE domain = $2) AS clients`,
      [results[0]!.run.id, `race-${kind}.example`],
    );
    expect(n).toEqual({ runs: 1, items: 6, clients: 1 });
  });
});
