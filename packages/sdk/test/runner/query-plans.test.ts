import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimItems, submitRun } from '../../src/index.js';
import type { TestDatabase } from '../../src/testing/index.js';
import { client, queries } from './run-inputs.js';
import { createRunnerDatabase } from './test-databases.js';

/**
 * "Is anything of this run still open?" must read the run's open items from their index, not walk
 * its completed ones, even when the planner's statistics are from submission time (every item
 * open). These plans are checked in the state that misled 0008's NOT EXISTS checks: a large run,
 * analysed while all pending, then nearly all completed.
 */
describe('open-item checks of a mostly completed run (PostgreSQL plans)', () => {
  let t: TestDatabase;
  let runId: string;
  const OPEN_INDEX = 'analysis_queue_open_by_run_age_idx';
  const plan = async (sql: string, params: unknown[] = []) =>
    (await t.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params))
      .map((r) => r['QUERY PLAN'])
      .join('\n');
  /** The test database, recording the plan of every statement that starts with `prefix`. */
  const explaining = (prefix: string, plans: string[]) =>
    ({
      ...t.db,
      query: async (sql: string, params?: unknown[]) => {
        if (sql.trimStart().startsWith(prefix)) plans.push(await plan(sql, params));
        return t.db.query(sql, params as never[]);
      },
    }) as never;

  beforeAll(async () => {
    t = await createRunnerDatabase('postgres');
    const { run } = await submitRun(t.db, {
      client,
      queries: queries(3_000, 'open-checks'),
      options: { platforms: ['perplexity'], maxCostUsd: 100 },
    });
    runId = run.id;
    await t.db.query('ANALYZE analysis_queue');
    await t.db.query(
      `UPDATE analysis_queue SET status = 'completed', completed_at = now()
        WHERE id IN (SELECT id FROM analysis_queue WHERE analysis_run_id = $1 ORDER BY created_at LIMIT 2990)`,
      [runId],
    );
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it('the sweep for runs to close (citebots_runs_to_close, 0010)', async () => {
    const text = await plan('SELECT * FROM citebots_runs_to_close()');
    expect(text).toContain(OPEN_INDEX);
    expect(text).not.toMatch(/Anti Join|HashAggregate/);
    expect(await t.db.query('SELECT * FROM citebots_runs_to_close()')).toEqual([]);
  });

  it("a terminal failure's last-item check (the subquery of citebots_fail_item, 0010)", async () => {
    const text = await plan(
      `SELECT (SELECT o.id FROM analysis_queue o
                WHERE o.analysis_run_id = $1::uuid AND o.status IN ('pending', 'processing') AND o.id <> $2::uuid
                ORDER BY o.created_at DESC LIMIT 1) IS NULL`,
      [runId, '00000000-0000-0000-0000-000000000000'],
    );
    expect(text).toContain(OPEN_INDEX);
    expect(text).not.toContain('Seq Scan');
    const fn = await t.db.query<{ src: string }>(
      `SELECT prosrc AS src FROM pg_proc WHERE proname = 'citebots_fail_item'`,
    );
    expect(fn[0]!.src).toContain('ORDER BY o.created_at DESC LIMIT 1');
  });

  it("the cost guard's pause (enforceCostGuards)", async () => {
    const { enforceCostGuards } = await import('../../src/runner/cost-guards.js');
    const logged: string[] = [];
    await t.db.query(`UPDATE analysis_runs SET cost_usd = 200 WHERE id = $1`, [runId]);
    const state = await enforceCostGuards(explaining('UPDATE analysis_runs', logged), runId);
    expect(state.status).toBe('paused');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(OPEN_INDEX);
    expect(logged[0]).not.toContain('Seq Scan on analysis_queue');
  });

  it('the claim walks the claim index in order and reads the claimable runs once, from the open-runs index (0011)', async () => {
    // The run above is paused by now: one open run to claim from, and more closed runs than open
    // ones, which the claim must not read.
    await submitRun(t.db, {
      client,
      queries: queries(5, 'claimable'),
      options: { platforms: ['perplexity'] },
    });
    await t.db.query(
      `INSERT INTO analysis_runs (status, completed_at) SELECT 'completed', now() FROM generate_series(1, 2000)`,
    );
    await t.db.query('ANALYZE analysis_runs');
    const plans: string[] = [];
    const claimed = await claimItems(explaining('WITH claim_pick AS', plans), {
      workerId: 'plan-check',
      limit: 1,
      platforms: ['perplexity'],
      leaseMs: 60_000,
    });
    expect(claimed).toHaveLength(1);
    expect(plans).toHaveLength(1);
    expect(plans[0]).toContain('analysis_queue_claim_order_idx');
    expect(plans[0]).toContain('analysis_runs_open_idx');
    expect(plans[0]).not.toMatch(/Sort|SubPlan/);
  });
});
