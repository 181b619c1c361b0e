import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClaimedItem,
  CompletionBatcher,
  claimItems,
  completeItems,
  type Database,
  getRun,
  type PlatformResult,
  releaseItems,
  submitRun,
} from '../../src/index.js';
import type { TestDatabase } from '../../src/testing/index.js';
import { fakePlatform } from './fake-platform.js';
import { client, queries } from './run-inputs.js';
import { createRunnerDatabase, type RunnerDbKind, runnerKinds } from './test-databases.js';

async function claimAll(db: Database, n: number, tag: string, maxCostUsd?: number): Promise<ClaimedItem[]> {
  const { run } = await submitRun(db, {
    client,
    queries: queries(n, tag),
    options: { platforms: ['perplexity'], ...(maxCostUsd ? { maxCostUsd } : {}) },
  });
  return claimItems(db, {
    workerId: 'w',
    limit: n,
    platforms: ['perplexity'],
    leaseMs: 60_000,
    runId: run.id,
  });
}

async function answer(item: ClaimedItem): Promise<PlatformResult> {
  return fakePlatform('perplexity').execute(item.query, { client });
}

async function storedRows(db: Database, runId: string) {
  return db.query<{ queue_item_id: string; model_response: string; status: string }>(
    `SELECT a.queue_item_id, a.model_response, q.status
       FROM analysis_queries a JOIN analysis_queue q ON q.id = a.queue_item_id
      WHERE a.analysis_run_id = $1 ORDER BY a.query_text`,
    [runId],
  );
}

/** Counts the statements sent and holds each for `holdMs`, so that answers pile up behind it. */
function countingDb(db: Database, holdMs: number): { db: Database; statements: string[] } {
  const statements: string[] = [];
  const counted = Object.create(db) as Database;
  counted.query = async (sql, params) => {
    statements.push(sql.trim().split(/\s+/).slice(0, 4).join(' '));
    const rows = await db.query(sql, params);
    await new Promise((r) => setTimeout(r, holdMs));
    return rows as never;
  };
  return { db: counted, statements };
}

describe.each<RunnerDbKind>(await runnerKinds())('completions in batches on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createRunnerDatabase(kind);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('stores several answers in one statement, and the batch that holds the last items closes the run once', async () => {
    const items = await claimAll(t.db, 5, 'batch');
    const completions = await Promise.all(
      items.map(async (item) => ({ item, result: await answer(item), client })),
    );
    const outcomes = await completeItems(t.db, completions);
    expect(outcomes.map((o) => o.accepted)).toEqual([true, true, true, true, true]);
    expect(new Set(outcomes.map((o) => o.resultId)).size).toBe(5);
    // One refresh for the run, reported on its first outcome only.
    expect(outcomes.map((o) => o.runStatus)).toEqual(['completed', null, null, null, null]);
    const runId = items[0]!.runId;
    const rows = await storedRows(t.db, runId);
    expect(rows.map((r) => r.queue_item_id).sort()).toEqual(items.map((i) => i.id).sort());
    expect(rows.every((r) => r.status === 'completed' && r.model_response.includes('Knak'))).toBe(true);
    const run = await getRun(t.db, runId);
    expect(run!.status).toBe('completed');
    expect(run!.counts).toMatchObject({ completed: 5, processing: 0, pending: 0 });
  });

  it('leaves out an item the worker no longer holds and stores the others', async () => {
    const items = await claimAll(t.db, 3, 'fence');
    await releaseItems(t.db, [items[1]!]); // taken back: its answer must not be stored
    const completions = await Promise.all(
      items.map(async (item) => ({ item, result: await answer(item), client })),
    );
    const outcomes = await completeItems(t.db, completions);
    expect(outcomes.map((o) => o.accepted)).toEqual([true, false, true]);
    const rows = await storedRows(t.db, items[0]!.runId);
    expect(rows.map((r) => r.queue_item_id).sort()).toEqual([items[0]!.id, items[2]!.id].sort());
    // The released item is still open, so nothing closed the run.
    expect(outcomes.every((o) => o.runStatus === null)).toBe(true);
    expect((await getRun(t.db, items[0]!.runId))!.counts).toMatchObject({ completed: 2, pending: 1 });
  });

  it('a batcher stores an answer at once when idle, and the answers that arrive meanwhile together', async () => {
    const items = await claimAll(t.db, 6, 'group');
    const { db, statements } = countingDb(t.db, 30);
    const batcher = new CompletionBatcher(db, { maxInFlight: 1 });
    const first = batcher.complete({ item: items[0]!, result: await answer(items[0]!), client });
    const rest = await Promise.all(
      items.slice(1).map(async (item) => ({ item, result: await answer(item), client })),
    );
    const outcomes = await Promise.all([first, ...rest.map((c) => batcher.complete(c))]);
    expect(outcomes.every((o) => o.accepted)).toBe(true);
    const writes = statements.filter((s) => s.startsWith('WITH'));
    expect(writes).toEqual(['WITH done AS (', 'WITH input AS (']);
    expect(await storedRows(t.db, items[0]!.runId)).toHaveLength(6);
  });

  it('with gatherTurn, answers handed over in the same turn go in one statement even when nothing runs', async () => {
    const items = await claimAll(t.db, 4, 'gather');
    const completions = await Promise.all(
      items.map(async (item) => ({ item, result: await answer(item), client })),
    );
    const { db, statements } = countingDb(t.db, 0);
    const batcher = new CompletionBatcher(db, { gatherTurn: true });
    const outcomes = await Promise.all(completions.map((c) => batcher.complete(c)));
    expect(outcomes.every((o) => o.accepted)).toBe(true);
    expect(statements.filter((s) => s.startsWith('WITH'))).toEqual(['WITH input AS (']);
    // The next answer, alone in its turn, goes alone.
    const [late] = await claimAll(t.db, 1, 'gather-late');
    await batcher.complete({ item: late!, result: await answer(late!), client });
    expect(statements.filter((s) => s.startsWith('WITH'))).toEqual(['WITH input AS (', 'WITH done AS (']);
    expect(await storedRows(t.db, items[0]!.runId)).toHaveLength(4);
  });

  it('when the database refuses one answer of a batch, that one fails alone and the others are stored', async () => {
    const items = await claimAll(t.db, 4, 'refused');
    const { db } = countingDb(t.db, 20);
    const batcher = new CompletionBatcher(db, { maxInFlight: 1 });
    const completions = await Promise.all(
      items.map(async (item) => ({ item, result: await answer(item), client })),
    );
    // PostgreSQL text cannot hold a NUL character: this answer cannot be stored.
    completions[2]!.result = { ...completions[2]!.result, answer: 'broken \u0000 answer' };
    const settled = await Promise.allSettled(completions.map((c) => batcher.complete(c)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const rows = await storedRows(t.db, items[0]!.runId);
    expect(rows.map((r) => r.queue_item_id).sort()).toEqual(
      [items[0]!.id, items[1]!.id, items[3]!.id].sort(),
    );
    expect((await getRun(t.db, items[0]!.runId))!.counts).toMatchObject({ completed: 3, processing: 1 });
  });
});
