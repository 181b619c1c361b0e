import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cancelRun,
  claimItems,
  completeItem,
  type Database,
  getRun,
  PlatformError,
  type QueryInput,
  type RunnerEvent,
  reclaimExpiredLeases,
  resumeRun,
  retryFailedItems,
  runWorker,
  submitRun,
} from '../../src/index.js';
import { parseClientProfile, toQueryInputs } from '../../src/schemas/index.js';
import type { TestDatabase } from '../../src/testing/index.js';
import { fakePlatform } from './fake-platform.js';
import { createRunnerDatabase, type RunnerDbKind, runnerKinds } from './test-databases.js';

const client = parseClientProfile({
  name: 'Knak',
  domain: 'knak.com',
  competitors: [{ name: 'Brevo', domain: 'brevo.com' }],
});
const queries: QueryInput[] = toQueryInputs([
  { text: 'Best email builder?' },
  { text: 'Knak vs Brevo?' },
  { text: 'Tools for email ops?' },
]);
const fast = { pollMs: 20, leaseMs: 5_000, backoff: { baseMs: 10, capMs: 50 } };

async function invariants(db: Database, runId: string) {
  const [counts] = await db.query<Record<string, number>>(
    `SELECT r.queries_total, r.queries_queued, r.queries_processing, r.queries_completed, r.queries_failed, r.queries_cancelled,
            (SELECT count(*)::int FROM analysis_queue q WHERE q.analysis_run_id = r.id) AS items,
            (SELECT count(*)::int FROM analysis_queue q WHERE q.analysis_run_id = r.id AND q.status = 'completed') AS completed_items,
            (SELECT count(*)::int FROM analysis_queue q WHERE q.analysis_run_id = r.id AND q.status = 'failed') AS failed_items,
            (SELECT count(*)::int FROM analysis_queries a WHERE a.analysis_run_id = r.id) AS results,
            (SELECT count(DISTINCT a.queue_item_id)::int FROM analysis_queries a WHERE a.analysis_run_id = r.id) AS distinct_results
       FROM analysis_runs r WHERE r.id = $1`,
    [runId],
  );
  expect(counts!.queries_total).toBe(counts!.items);
  expect(counts!.queries_completed).toBe(counts!.completed_items);
  expect(counts!.queries_failed).toBe(counts!.failed_items);
  expect(counts!.results).toBe(counts!.completed_items);
  expect(counts!.distinct_results).toBe(counts!.results);
  return counts!;
}

describe.each<RunnerDbKind>(await runnerKinds())('in-process runner on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createRunnerDatabase(kind);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('runs queries x platforms: one item and one result per pair, counters equal to the rows', async () => {
    const { run, created } = await submitRun(t.db, {
      client,
      queries,
      options: { platforms: ['perplexity', 'chatgpt'] },
    });
    expect(created).toBe(true);
    expect(run.counts.total).toBe(6);
    expect(run.platforms).toEqual(['perplexity', 'chatgpt']);
    const events: RunnerEvent[] = [];
    const stats = await runWorker({
      db: t.db,
      platforms: { perplexity: fakePlatform('perplexity'), chatgpt: fakePlatform('chatgpt') },
      runId: run.id,
      stopWhenIdle: true,
      onEvent: (e) => events.push(e),
      ...fast,
    });
    expect(stats.completed).toBe(6);
    const after = await getRun(t.db, run.id);
    expect(after!.status).toBe('completed');
    expect(after!.counts).toMatchObject({ total: 6, completed: 6, pending: 0, processing: 0 });
    expect(after!.byPlatform.map((p) => [p.platform, p.completed])).toEqual([
      ['chatgpt', 3],
      ['perplexity', 3],
    ]);
    expect(after!.costUsd).toBeCloseTo(0.06);
    expect(events.filter((e) => e.type === 'run-finished')).toHaveLength(1);
    await invariants(t.db, run.id);
    const rows = await t.db.query<{ brand_mentioned: boolean; data_source: string; citations: unknown[] }>(
      `SELECT brand_mentioned, data_source, citations FROM analysis_queries WHERE analysis_run_id = $1`,
      [run.id],
    );
    expect(rows.every((r) => r.brand_mentioned && r.citations.length === 1)).toBe(true);
  });

  it('returns the existing run for a second submission of the same batch id', async () => {
    const options = { platforms: ['perplexity'], batchId: 'daily-2026-11-29' };
    const first = await submitRun(t.db, { client, queries, options });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => submitRun(t.db, { client, queries, options })),
    );
    expect(results.every((r) => !r.created && r.run.id === first.run.id)).toBe(true);
    const [n] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM analysis_queue WHERE analysis_run_id = $1`,
      [first.run.id],
    );
    expect(n!.n).toBe(3);
    const [clients] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM clients WHERE domain = 'knak.com'`,
    );
    expect(clients!.n).toBe(1);
  });

  it('retries a retryable error with backoff, and fails a non-retryable one with the error kept', async () => {
    const { run } = await submitRun(t.db, {
      client,
      queries,
      options: { platforms: ['perplexity'], maxAttempts: 3 },
    });
    const flaky = fakePlatform('perplexity', (query, attempt) => {
      if (query.text.startsWith('Best') && attempt === 1) {
        throw new PlatformError('HTTP 429', {
          platform: 'perplexity',
          kind: 'rate_limited',
          status: 429,
          retryAfterMs: 30,
        });
      }
      if (query.text.startsWith('Knak')) {
        throw new PlatformError('HTTP 400 bad model', {
          platform: 'perplexity',
          kind: 'invalid_request',
          status: 400,
        });
      }
      return fakePlatform('perplexity').execute(query, { client }, {});
    });
    const stats = await runWorker({
      db: t.db,
      platforms: { perplexity: flaky },
      runId: run.id,
      stopWhenIdle: true,
      ...fast,
    });
    expect(stats).toMatchObject({ completed: 2, failed: 1, retried: 1 });
    const failed = await t.db.query<{ error_message: string; attempts: number }>(
      `SELECT error_message, attempts FROM analysis_queue WHERE analysis_run_id = $1 AND status = 'failed'`,
      [run.id],
    );
    expect(failed).toEqual([{ error_message: 'perplexity: HTTP 400 bad model', attempts: 1 }]);
    expect((await getRun(t.db, run.id))!.status).toBe('completed');
    await invariants(t.db, run.id);

    expect(await retryFailedItems(t.db, run.id)).toBe(1);
    await runWorker({
      db: t.db,
      platforms: { perplexity: fakePlatform('perplexity') },
      runId: run.id,
      stopWhenIdle: true,
      ...fast,
    });
    expect((await getRun(t.db, run.id))!.counts).toMatchObject({ completed: 3, failed: 0 });
    await invariants(t.db, run.id);
  });

  it('fences completion: a worker that lost its lease writes nothing', async () => {
    const { run } = await submitRun(t.db, {
      client,
      queries: queries.slice(0, 1),
      options: { platforms: ['claude'] },
    });
    const [zombie] = await claimItems(t.db, {
      workerId: 'zombie',
      limit: 1,
      platforms: ['claude'],
      leaseMs: 1,
      runId: run.id,
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(await reclaimExpiredLeases(t.db)).toBe(1);
    const [owner] = await claimItems(t.db, {
      workerId: 'owner',
      limit: 1,
      platforms: ['claude'],
      leaseMs: 60_000,
      runId: run.id,
    });
    expect(owner!.attempt).toBe(2);
    const result = await fakePlatform('claude').execute(zombie!.query, { client });
    expect((await completeItem(t.db, zombie!, result, client)).accepted).toBe(false);
    expect((await completeItem(t.db, owner!, result, client)).accepted).toBe(true);
    expect((await completeItem(t.db, owner!, result, client)).accepted).toBe(false);
    const counts = await invariants(t.db, run.id);
    expect(counts.results).toBe(1);
  });

  it('pauses the run on a hard quota error instead of retrying or failing items (items claimed ahead go back uncalled), and resumes after the fix', async () => {
    const { run } = await submitRun(t.db, { client, queries, options: { platforms: ['chatgpt'] } });
    const broke = fakePlatform('chatgpt', () => {
      throw new PlatformError('insufficient_quota', {
        platform: 'chatgpt',
        kind: 'quota_exceeded',
        status: 429,
      });
    });
    const events: RunnerEvent[] = [];
    await runWorker({
      db: t.db,
      platforms: { chatgpt: broke },
      runId: run.id,
      stopWhenIdle: true,
      concurrency: 1,
      claimAhead: 1,
      onEvent: (e) => events.push(e),
      ...fast,
    });
    expect(broke.calls).toHaveLength(1);
    expect(events.some((e) => e.type === 'platform-stopped')).toBe(true);
    expect(events.some((e) => e.type === 'run-paused')).toBe(true);
    const paused = await getRun(t.db, run.id);
    expect(paused!.status).toBe('paused');
    expect(paused!.pausedReason).toMatch(/chatgpt account stopped: chatgpt: insufficient_quota.*resume/);
    expect(paused!.counts).toMatchObject({ failed: 0, pending: 3, processing: 0 });
    const attempts = await t.db.query<{ attempts: number }>(
      `SELECT attempts FROM analysis_queue WHERE analysis_run_id = $1`,
      [run.id],
    );
    expect(attempts.every((a) => a.attempts === 0)).toBe(true);
    await invariants(t.db, run.id);

    expect(await resumeRun(t.db, run.id)).toBe(true);
    await runWorker({
      db: t.db,
      platforms: { chatgpt: fakePlatform('chatgpt') },
      runId: run.id,
      stopWhenIdle: true,
      ...fast,
    });
    const after = await getRun(t.db, run.id);
    expect(after!.status).toBe('completed');
    expect(after!.counts).toMatchObject({ completed: 3, failed: 0 });
    await invariants(t.db, run.id);
  });

  it('releases claims at once when the worker is stopped, and cancels a run', async () => {
    const { run } = await submitRun(t.db, { client, queries, options: { platforms: ['gemini'] } });
    const controller = new AbortController();
    const slow = fakePlatform('gemini', (_q, _a, signal) => {
      setTimeout(() => controller.abort(), 30);
      return new Promise((_, reject) =>
        signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    });
    const stats = await runWorker({
      db: t.db,
      platforms: { gemini: slow },
      runId: run.id,
      signal: controller.signal,
      ...fast,
    });
    expect(stats.released).toBe(3);
    const pending = await t.db.query<{ status: string; attempts: number }>(
      `SELECT status, attempts FROM analysis_queue WHERE analysis_run_id = $1`,
      [run.id],
    );
    expect(pending.every((p) => p.status === 'pending' && p.attempts === 0)).toBe(true);
    expect(await cancelRun(t.db, run.id)).toBe(3);
    const after = await getRun(t.db, run.id);
    expect(after!.status).toBe('cancelled');
    expect(after!.counts).toMatchObject({ cancelled: 3, pending: 0 });
    await invariants(t.db, run.id);
  });
});
