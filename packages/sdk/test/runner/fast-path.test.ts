import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cancelRun,
  claimItems,
  completeItem,
  failItem,
  getDailySpend,
  getRun,
  refreshRun,
  reserveRateLimit,
  submitRun,
} from '../../src/index.js';
import type { TestDatabase } from '../../src/testing/index.js';
import { fakePlatform } from './fake-platform.js';
import { client, queries } from './run-inputs.js';
import { createRunnerDatabase, type RunnerDbKind, runnerKinds } from './test-databases.js';

async function countersMatch(db: TestDatabase['db'], runId: string): Promise<void> {
  const [row] = await db.query<{ ok: boolean }>(
    `SELECT r.queries_total = c.total AND r.queries_queued = c.pending AND r.queries_processing = c.processing
            AND r.queries_completed = c.completed AND r.queries_failed = c.failed AND r.queries_cancelled = c.cancelled AS ok
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
}

describe.each<RunnerDbKind>(await runnerKinds())('runner fast path on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createRunnerDatabase(kind);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('claims and completions leave the run row alone; a refresh recounts it, and the run is closed exactly once', async () => {
    const { run } = await submitRun(t.db, {
      client,
      queries: queries(12, 'close'),
      options: { platforms: ['perplexity'] },
    });
    const items = await claimItems(t.db, {
      workerId: 'w',
      limit: 12,
      platforms: ['perplexity'],
      leaseMs: 60_000,
      runId: run.id,
    });
    expect(items).toHaveLength(12);
    // getRun counts the items themselves; the run row moves at the next refresh.
    expect((await getRun(t.db, run.id))!.counts).toMatchObject({ processing: 12, pending: 0 });
    const [row] = await t.db.query<{ status: string; queries_queued: number }>(
      'SELECT status, queries_queued FROM analysis_runs WHERE id = $1',
      [run.id],
    );
    expect(row).toEqual({ status: 'queued', queries_queued: 12 });
    expect(await refreshRun(t.db, run.id)).toMatchObject({
      refreshed: true,
      status: 'running',
      closed: null,
    });
    const running = await getRun(t.db, run.id);
    expect(running!.status).toBe('running');
    expect(running!.startedAt).not.toBeNull();
    await countersMatch(t.db, run.id);

    const result = await fakePlatform('perplexity').execute(items[0]!.query, { client });
    const outcomes = await Promise.all(
      items.map((item) => completeItem(t.db, item, result, client, { accountKey: `acct-${kind}` })),
    );
    expect(outcomes.every((o) => o.accepted)).toBe(true);
    // The completion that saw no other open item closes the run; when the last two race, neither
    // sees the other's commit and the worker's next refresh closes it. Either way: exactly once.
    const closedByCompletion = outcomes.filter((o) => o.runStatus === 'completed').length;
    const afterwards = await refreshRun(t.db, run.id);
    expect(closedByCompletion + (afterwards.closed === 'completed' ? 1 : 0)).toBe(1);
    expect((await refreshRun(t.db, run.id)).closed).toBeNull();
    const done = await getRun(t.db, run.id);
    expect(done!.status).toBe('completed');
    expect(done!.completedAt).not.toBeNull();
    expect(done!.costUsd).toBeCloseTo(0.12);
    await countersMatch(t.db, run.id);
    // Today's spend is derived from the completed items, per account.
    expect(await getDailySpend(t.db, `acct-${kind}`)).toBeCloseTo(0.12);
    expect(await getDailySpend(t.db)).toBeGreaterThanOrEqual(0.12);
  });

  it('a terminal failure of the last item closes the run as failed, and says so once', async () => {
    const { run } = await submitRun(t.db, {
      client,
      queries: queries(2, 'fail'),
      options: { platforms: ['claude'], maxAttempts: 1 },
    });
    const items = await claimItems(t.db, {
      workerId: 'w',
      limit: 2,
      platforms: ['claude'],
      leaseMs: 60_000,
      runId: run.id,
    });
    const first = await failItem(t.db, items[0]!, new Error('boom'), { retryable: true, delayMs: 0 });
    expect(first).toMatchObject({ accepted: true, status: 'failed', runStatus: null });
    const last = await failItem(t.db, items[1]!, new Error('boom'), { retryable: true, delayMs: 0 });
    expect(last).toMatchObject({ accepted: true, status: 'failed', runStatus: 'failed' });
    expect(
      await failItem(t.db, items[1]!, new Error('again'), { retryable: true, delayMs: 0 }),
    ).toMatchObject({
      accepted: false,
    });
    expect((await getRun(t.db, run.id))!.status).toBe('failed');
    await countersMatch(t.db, run.id);
  });

  it('claims nothing of a run whose cost reached its cap, and a cancelled run stays cancelled', async () => {
    const { run } = await submitRun(t.db, {
      client,
      queries: queries(3, 'cap'),
      options: { platforms: ['gemini'], maxCostUsd: 0.01 },
    });
    const [item] = await claimItems(t.db, {
      workerId: 'w',
      limit: 1,
      platforms: ['gemini'],
      leaseMs: 60_000,
      runId: run.id,
    });
    const result = await fakePlatform('gemini').execute(item!.query, { client });
    const outcome = await completeItem(t.db, item!, result, client);
    expect(outcome.pausedReason).toMatch(/^cost limit reached/);
    await t.db.query(`UPDATE analysis_runs SET status = 'running' WHERE id = $1`, [run.id]);
    expect(
      await claimItems(t.db, {
        workerId: 'w',
        limit: 5,
        platforms: ['gemini'],
        leaseMs: 60_000,
        runId: run.id,
      }),
    ).toEqual([]);
    expect(await cancelRun(t.db, run.id)).toBe(2);
    expect((await getRun(t.db, run.id))!.status).toBe('cancelled');
    await countersMatch(t.db, run.id);
  });

  it('a completion stores JSON columns as documents: objects, JSON text from the analysis, and a string raw response', async () => {
    const { run } = await submitRun(t.db, {
      client,
      queries: queries(2, 'row-shape'),
      options: { platforms: ['perplexity'] },
    });
    const items = await claimItems(t.db, {
      workerId: 'w',
      limit: 2,
      platforms: ['perplexity'],
      leaseMs: 60_000,
      runId: run.id,
    });
    expect(items).toHaveLength(2);
    const base = await fakePlatform('perplexity').execute(items[0]!.query, { client });
    const answer = 'Knak leads, "quoted" \\ and a line\nbreak; Brevo is fine.';
    await completeItem(t.db, items[0]!, { ...base, answer, raw: { id: 'r1', nested: { ok: true } } }, client);
    await completeItem(t.db, items[1]!, { ...base, answer, raw: 'plain "text" body' }, client);
    const rows = await t.db.query<{
      raw_type: string;
      raw_text: string | null;
      analysis_version: string;
      competitors_type: string;
      citations_type: string;
      first_url: string;
      model_response: string;
      search_queries: string[];
    }>(
      `SELECT jsonb_typeof(raw_response) AS raw_type, raw_response #>> '{}' AS raw_text,
              mention_analysis->>'version' AS analysis_version,
              jsonb_typeof(competitor_analysis) AS competitors_type,
              jsonb_typeof(citations) AS citations_type, citations->0->>'url' AS first_url,
              model_response, search_queries
         FROM analysis_queries WHERE analysis_run_id = $1 ORDER BY queue_item_id = $2 DESC`,
      [run.id, items[0]!.id],
    );
    expect(rows.map((r) => r.raw_type)).toEqual(['object', 'string']);
    expect(rows[1]!.raw_text).toBe('plain "text" body');
    for (const r of rows) {
      expect(r.analysis_version).toBe('2');
      expect(r.competitors_type).toBe('array');
      expect(r.citations_type).toBe('array');
      expect(r.first_url).toBe('https://knak.com/blog');
      expect(r.model_response).toBe(answer);
      expect(r.search_queries).toHaveLength(1);
    }
  });

  it('rate-limit reservations book consecutive slots and never book more than the cap ahead', async () => {
    const key = `reserve-${kind}`;
    const policy = { requestsPerMinute: 60 }; // one call per second
    const a = await reserveRateLimit(t.db, key, policy);
    const b = await reserveRateLimit(t.db, key, policy);
    const c = await reserveRateLimit(t.db, key, policy);
    expect(a).toEqual({ waitMs: 0, reserved: true });
    expect(b.reserved).toBe(true);
    expect(b.waitMs).toBeGreaterThan(700);
    expect(b.waitMs).toBeLessThanOrEqual(1_000);
    expect(c.waitMs).toBeGreaterThan(1_700);
    expect(c.waitMs).toBeLessThanOrEqual(2_000);
    const [before] = await t.db.query<{ tat: Date }>(
      'SELECT tat FROM citebots_rate_limits WHERE account_key = $1',
      [key],
    );
    const refused = await reserveRateLimit(t.db, key, policy, 2_500);
    expect(refused.reserved).toBe(false);
    expect(refused.waitMs).toBeGreaterThan(2_500);
    const [after] = await t.db.query<{ tat: Date }>(
      'SELECT tat FROM citebots_rate_limits WHERE account_key = $1',
      [key],
    );
    expect(new Date(after!.tat).getTime()).toBe(new Date(before!.tat).getTime());
  });

  it('concurrent reservations each get their own slot', async () => {
    const key = `reserve-race-${kind}`;
    const waits = await Promise.all(
      Array.from({ length: 10 }, () => reserveRateLimit(t.db, key, { requestsPerMinute: 60 })),
    );
    expect(waits.every((w) => w.reserved)).toBe(true);
    const slots = waits.map((w) => Math.round(w.waitMs / 1000)).sort((x, y) => x - y);
    expect(slots).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
