import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  assertInvariants,
  CLI_DIST,
  type FaultEnv,
  makeQueries,
  sleep,
  startFaultEnv,
  submit,
  waitForCount,
  waitForRunEnd,
} from './support/fault-harness.js';

// Real `citebots worker` processes (the built CLI), a fresh PostgreSQL database, the fake provider
// server. No timing assertions: each scenario asserts the queue's invariants after the fault.
describe.skipIf(!existsSync(CLI_DIST))('worker processes under process and connection faults', () => {
  let env: FaultEnv | null = null;
  afterEach(async () => {
    await env?.dispose();
    env = null;
  });

  it('SIGKILL mid-call: the dead worker’s items are reclaimed after the lease and finished exactly once', async () => {
    env = await startFaultEnv({ latency: { fixedMs: 400 } });
    const run = await submit(env.db, makeQueries(6));
    const victim = env.spawnWorker({ concurrency: 4, leaseSeconds: 2 });
    await victim.waitFor((e) => e.type === 'item-started', 'a first claim');
    await sleep(150); // inside the 400 ms call
    victim.child.kill('SIGKILL');
    await victim.exited;
    const victimId = victim.workerId()!;
    const [held] = await env.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM analysis_queue WHERE processor_id = $1 AND status = 'processing'`,
      [victimId],
    );
    expect(held!.n).toBeGreaterThan(0);
    const survivor = env.spawnWorker({ concurrency: 4, leaseSeconds: 2 });
    expect(await waitForRunEnd(env.db, run.id)).toBe('completed');
    const c = await assertInvariants(env, run.id, 18);
    expect(c.q_completed).toBe(18);
    const [reclaimed] = await env.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM test_claims t JOIN analysis_queue q ON q.id = t.item_id
        WHERE t.worker = $1 AND t.end_status = 'pending' AND q.status = 'completed' AND q.attempts >= 2`,
      [victimId],
    );
    expect(reclaimed!.n).toBe(held!.n);
    survivor.child.kill('SIGTERM');
    expect(await survivor.exited).toBe(0);
  });

  it.each([
    { concurrency: 4, queries: 6, held: 4, what: '4 calls' },
    { concurrency: 8, queries: 12, held: 9, what: '8 calls and 1 item claimed ahead' },
  ])(
    'SIGTERM releases the worker’s claims at once, attempts given back ($what), another worker finishes',
    async ({ concurrency, queries, held }) => {
      env = await startFaultEnv({ latency: { fixedMs: 2_500 } });
      const run = await submit(env.db, makeQueries(queries), { platforms: ['perplexity'] });
      const first = env.spawnWorker({ concurrency, leaseSeconds: 60 });
      await waitForCount(
        env.db,
        `SELECT count(*)::int AS n FROM analysis_queue WHERE analysis_run_id = $1 AND status = 'processing'`,
        [run.id],
        held,
      );
      while (env.fake.stats().inFlight < concurrency) await sleep(20); // the calls are in flight
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      // Leases are 60 s: only the release can have put the items back this soon.
      const rows = await env.db.query<{ status: string; attempts: number; n: number }>(
        `SELECT status, attempts, count(*)::int AS n FROM analysis_queue WHERE analysis_run_id = $1 GROUP BY 1, 2`,
        [run.id],
      );
      expect(rows).toEqual([{ status: 'pending', attempts: 0, n: queries }]);
      expect(first.notes.join('\n')).toMatch(new RegExp(`${held} released`));
      const second = env.spawnWorker({ concurrency, leaseSeconds: 60 });
      expect(await waitForRunEnd(env.db, run.id)).toBe('completed');
      await assertInvariants(env, run.id, queries);
      second.child.kill('SIGTERM');
      await second.exited;
    },
  );

  it('pg_terminate_backend on the workers’ connections: they reconnect and nothing is lost', async () => {
    env = await startFaultEnv({ latency: { minMs: 10, maxMs: 40 } });
    const run = await submit(env.db, makeQueries(25));
    const workers = [env.spawnWorker({ concurrency: 4 }), env.spawnWorker({ concurrency: 4 })];
    let killed = 0;
    for (const atLeast of [10, 30, 50]) {
      await waitForCount(
        env.db,
        `SELECT count(*)::int AS n FROM analysis_queue WHERE analysis_run_id = $1 AND status = 'completed'`,
        [run.id],
        atLeast,
      );
      const rows = await env.db.query<{ ok: boolean }>(
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
          WHERE application_name = 'citebots-worker' AND datname = current_database()`,
      );
      killed += rows.filter((r) => r.ok).length;
    }
    expect(killed).toBeGreaterThan(0);
    expect(await waitForRunEnd(env.db, run.id)).toBe('completed');
    const c = await assertInvariants(env, run.id, 75);
    expect(c.q_completed).toBe(75);
    expect(workers.map((w) => (w.child.exitCode === null ? 'alive' : w.notes.join('\n')))).toEqual([
      'alive',
      'alive',
    ]);
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
  });

  it('a zombie worker (SIGSTOP past its lease, then SIGCONT) cannot write: the fence rejects its late completion', async () => {
    env = await startFaultEnv({ latency: { fixedMs: 1_200 } });
    const run = await submit(env.db, makeQueries(4), { platforms: ['perplexity'] });
    const zombie = env.spawnWorker({ concurrency: 2, leaseSeconds: 1 });
    await waitForCount(
      env.db,
      `SELECT count(*)::int AS n FROM analysis_queue WHERE analysis_run_id = $1 AND status = 'processing'`,
      [run.id],
      2,
    );
    // Both of the zombie's calls reached the provider (its rate-limit slots may be a moment apart).
    while (env.fake.stats().inFlight < 2) await sleep(20);
    zombie.child.kill('SIGSTOP');
    const zombieId = zombie.workerId()!;
    const live = env.spawnWorker({ concurrency: 4, leaseSeconds: 1 });
    expect(await waitForRunEnd(env.db, run.id)).toBe('completed');
    // The fake answered the zombie's two calls while it was stopped; now let it try to store them.
    while (env.fake.stats().answered < 6) await sleep(50);
    zombie.child.kill('SIGCONT');
    await sleep(1_000);
    zombie.child.kill('SIGTERM');
    await zombie.exited;
    const c = await assertInvariants(env, run.id, 4);
    expect(c.results).toBe(4);
    expect(zombie.events.filter((e) => e.type === 'item-completed')).toEqual([]);
    const [taken] = await env.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM test_claims WHERE worker = $1 AND end_status = 'pending'`,
      [zombieId],
    );
    expect(taken!.n).toBe(2);
    live.child.kill('SIGTERM');
    await live.exited;
  });
});
