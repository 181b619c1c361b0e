import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
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

// Restarts the shared PostgreSQL server (`-m immediate`: a crash, no checkpoint): every other test
// running at that moment loses its connections. So it only runs when asked for:
//   CITEBOTS_DISRUPTIVE_TESTS=1 npx vitest run packages/cli/test/faults/postgres-restart.test.ts
const enabled =
  process.env.CITEBOTS_DISRUPTIVE_TESTS === '1' && existsSync(CLI_DIST) && existsSync('/etc/postgresql');

function restartPostgres(): void {
  const version = readdirSync('/etc/postgresql')[0]!;
  execFileSync(
    'pg_ctlcluster',
    ['--skip-systemctl-redirect', version, 'main', 'restart', '-m', 'immediate'],
    {
      stdio: 'ignore',
    },
  );
}

async function waitForPostgres(): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      execFileSync('pg_isready', ['-q', '-h', '127.0.0.1', '-p', '5432'], { stdio: 'ignore' });
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error('PostgreSQL did not come back after the restart');
}

describe.skipIf(!enabled)('worker processes across a PostgreSQL restart', () => {
  let env: FaultEnv | null = null;
  afterEach(async () => {
    await env?.dispose();
    env = null;
  });

  it('restart -m immediate mid-run: no item lost or duplicated', async () => {
    env = await startFaultEnv({ latency: { minMs: 10, maxMs: 40 } });
    const run = await submit(env.db, makeQueries(25));
    const workers = [env.spawnWorker({ concurrency: 4 }), env.spawnWorker({ concurrency: 4 })];
    await waitForCount(
      env.db,
      `SELECT count(*)::int AS n FROM analysis_queue WHERE analysis_run_id = $1 AND status = 'completed'`,
      [run.id],
      15,
    );
    const startedAt = async () =>
      (await env!.db.query<{ t: string }>(`SELECT pg_postmaster_start_time()::text AS t`))[0]!.t;
    const before = await startedAt();
    restartPostgres();
    await waitForPostgres();
    expect(await waitForRunEnd(env.db, run.id)).toBe('completed');
    expect(await startedAt()).not.toBe(before);
    const c = await assertInvariants(env, run.id, 75);
    expect(c.q_completed).toBe(75);
    expect(workers.every((w) => w.child.exitCode === null)).toBe(true);
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
  });
});
