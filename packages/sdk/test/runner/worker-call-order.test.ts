import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Database,
  getRun,
  type PlatformResult,
  pauseRun,
  type QueryInput,
  resumeRun,
  runWorker,
  submitRun,
  type WorkerOptions,
} from '../../src/index.js';
import type { TestDatabase } from '../../src/testing/index.js';
import { fakePlatform } from './fake-platform.js';
import { client, queries } from './run-inputs.js';
import { createRunnerDatabase } from './test-databases.js';

const fast = { pollMs: 20, leaseMs: 5_000 };

/** The same database, with every completion statement reaching it `delayMs` late (a slow store). */
function slowCompletions(db: Database, delayMs: number, log: string[]): Database {
  const query: Database['query'] = async (text, params) => {
    const slow = text.trimStart().startsWith('WITH done AS');
    if (slow) {
      log.push('store-start');
      await new Promise((r) => setTimeout(r, delayMs));
    }
    const rows = await db.query(text, params);
    if (slow) log.push('store-end');
    return rows as never;
  };
  return {
    kind: db.kind,
    query,
    transaction: (fn) => db.transaction(fn),
    exec: (text) => db.exec(text),
    close: () => db.close(),
  };
}

const answer = (query: QueryInput): PlatformResult => ({
  platform: 'perplexity',
  model: 'm',
  answer: `About ${query.text}: Knak.`,
  citations: [],
  sources: [],
  searchQueries: [],
  usage: null,
  cost: { totalUsd: 0.01, source: 'estimate' },
  raw: null,
  providerMetadata: {},
});

describe('when a worker calls (PostgreSQL)', () => {
  /**
   * `count` questions on one platform and a worker with one call slot whose stores take 100 ms;
   * the log lists each call and each store's start and end in order. `done` is the worker's return.
   */
  async function startOneSlotWorker(
    tag: string,
    maxCostUsd: number | null,
    extra: Partial<WorkerOptions> = {},
    count = 4,
  ) {
    const { run } = await submitRun(t.db, {
      client,
      queries: queries(count, tag),
      options: { platforms: ['perplexity'], maxCostUsd },
    });
    const log: string[] = [];
    const platform = fakePlatform('perplexity', async (query) => {
      log.push('call');
      return answer(query);
    });
    const done = runWorker({
      db: slowCompletions(t.db, 100, log),
      platforms: { perplexity: platform },
      runId: run.id,
      concurrency: 1,
      stopWhenIdle: true,
      ...fast,
      ...extra,
    });
    return { runId: run.id, log, done };
  }

  let t: TestDatabase;
  beforeAll(async () => {
    t = await createRunnerDatabase('postgres');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('loads each platform (prepare) when the worker starts, before its first call', async () => {
    const { run } = await submitRun(t.db, {
      client,
      queries: queries(2, 'prepare'),
      options: { platforms: ['perplexity'] },
    });
    const log: string[] = [];
    const platform = fakePlatform('perplexity', async (query) => {
      log.push('execute');
      return answer(query);
    });
    platform.prepare = async () => {
      log.push('prepare');
    };
    const stats = await runWorker({
      db: t.db,
      platforms: { perplexity: platform },
      runId: run.id,
      stopWhenIdle: true,
      ...fast,
    });
    expect(stats.completed).toBe(2);
    expect(log).toEqual(['prepare', 'execute', 'execute']);
  });

  it("with a cost cap, the next call waits until the last call's cost is stored", async () => {
    const { log, done } = await startOneSlotWorker('capped', 100);
    const stats = await done;
    expect(stats.completed).toBe(4);
    // One call, then its store, then the next call: never a call while a cost is unrecorded.
    expect(log.filter((e) => e !== 'store-start')).toEqual([
      'call',
      'store-end',
      'call',
      'store-end',
      'call',
      'store-end',
      'call',
      'store-end',
    ]);
  });

  it('without a cost cap, the next call starts while the last answer is being stored', async () => {
    // Claims stop while answers wait to be stored; each store that ends must wake the worker
    // (with this poll interval, a worker that waited for its next poll would not finish).
    const { log, done } = await startOneSlotWorker('uncapped', null, { pollMs: 600_000 });
    const stats = await done;
    expect(stats.completed).toBe(4);
    // The second call is made before the first answer's store returned.
    expect(log.indexOf('call', 1)).toBeLessThan(log.indexOf('store-end'));
    expect(log.filter((e) => e === 'call')).toHaveLength(4);
    expect(log.filter((e) => e === 'store-end')).toHaveLength(4);
    // Never more than `concurrency` answers waiting to be stored when a call starts.
    let waiting = 0;
    for (const e of log) {
      if (e === 'store-start') waiting++;
      if (e === 'store-end') waiting--;
      if (e === 'call') expect(waiting).toBeLessThanOrEqual(1);
    }
  });

  it('a worker stopping stores the answers it already received and gives back the rest (calls and items claimed ahead)', async () => {
    const { run } = await submitRun(t.db, {
      client,
      queries: queries(6, 'stopping'),
      options: { platforms: ['perplexity'] },
    });
    const log: string[] = [];
    const stop = new AbortController();
    const platform = fakePlatform('perplexity', async (query, _attempt, signal) => {
      log.push('call');
      if (log.filter((e) => e === 'call').length > 1) {
        // Later calls hang until the worker stops them.
        await new Promise((_, reject) =>
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true }),
        );
      }
      return answer(query);
    });
    const worker = runWorker({
      db: slowCompletions(t.db, 200, log),
      platforms: { perplexity: platform },
      runId: run.id,
      concurrency: 1,
      claimAhead: 1,
      signal: stop.signal,
      ...fast,
    });
    // Stop while the first answer is being stored and the second call is running.
    while (!(log.includes('store-start') && log.filter((e) => e === 'call').length === 2)) {
      await new Promise((r) => setTimeout(r, 5));
    }
    stop.abort();
    const stats = await worker;
    expect(stats.completed).toBe(1);
    expect(stats.released).toBeGreaterThanOrEqual(1);
    const rows = await t.db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM analysis_queue WHERE analysis_run_id = $1 GROUP BY status ORDER BY status`,
      [run.id],
    );
    expect(rows).toEqual([
      { status: 'completed', n: 1 },
      { status: 'pending', n: 5 },
    ]);
    const results = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM analysis_queries WHERE analysis_run_id = $1',
      [run.id],
    );
    expect(results[0]!.n).toBe(1);
  });

  it('a run resumed with a cost cap is guarded by a worker that was already running (it re-reads the run)', async () => {
    const stop = new AbortController();
    const { runId, log, done } = await startOneSlotWorker(
      'recapped',
      null,
      { stopWhenIdle: false, signal: stop.signal, runContextMaxAgeMs: 0 },
      8,
    );
    const open = async (status: string) =>
      (
        await t.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM analysis_queue WHERE analysis_run_id = $1 AND status = $2',
          [runId, status],
        )
      )[0]!.n;
    const until = async (ready: () => Promise<boolean>) => {
      while (!(await ready())) await new Promise((r) => setTimeout(r, 10));
    };
    // Uncapped at first; paused by hand after two answers, its last call stored.
    await until(async () => (await open('completed')) >= 2);
    expect(await pauseRun(t.db, runId, 'by hand')).toBe(true);
    await until(async () => (await open('processing')) === 0);
    const before = log.filter((e) => e === 'call').length;
    const [spent] = await t.db.query<{ usd: number }>(
      `SELECT coalesce(sum(cost_usd), 0)::float8 AS usd FROM analysis_queue WHERE analysis_run_id = $1`,
      [runId],
    );
    // Room for one and a half calls: the guard must stop the worker after the second.
    expect(await resumeRun(t.db, runId, { maxCostUsd: spent!.usd + 0.015 })).toBe(true);
    await until(async () => (await getRun(t.db, runId))!.status === 'paused');
    await until(async () => (await open('processing')) === 0);
    stop.abort();
    await done;
    expect(log.filter((e) => e === 'call').length - before).toBe(2);
    expect((await getRun(t.db, runId))!.pausedReason).toMatch(/^cost limit reached/);
  });
});
