import { openDatabase } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../../src/testing/index.js';

export type RunnerDbKind = 'pglite' | 'postgres' | 'pgbouncer';

/** PgBouncer in transaction mode (scripts/pgbouncer/start.sh), standing in for Supabase's pooler. */
export function pgbouncerUrl(database = 'test'): string {
  const base = process.env.CITEBOTS_TEST_PGBOUNCER_URL ?? 'postgres://postgres@127.0.0.1:6432/test';
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
}

/** True when a transaction-mode pooler answers (checked once per test file). */
export async function pgbouncerAvailable(): Promise<boolean> {
  try {
    const db = await openDatabase({ url: pgbouncerUrl(), migrate: false, maxConnections: 1 });
    await db.close();
    return true;
  } catch {
    return false;
  }
}

export async function runnerKinds(): Promise<RunnerDbKind[]> {
  return ['pglite', 'postgres', ...((await pgbouncerAvailable()) ? (['pgbouncer'] as const) : [])];
}

/**
 * A fresh migrated database; for `pgbouncer` the database is created on the server and every
 * query of the test then goes through the pooler (no prepared statements, no session state).
 */
export async function createRunnerDatabase(kind: RunnerDbKind): Promise<TestDatabase> {
  if (kind !== 'pgbouncer') return createTestDatabase(kind);
  const direct = await createTestDatabase('postgres');
  const name = new URL(direct.url!).pathname.slice(1);
  const url = pgbouncerUrl(name);
  const db = await openDatabase({ url, migrate: false, maxConnections: 8, applicationName: 'citebots-test' });
  return {
    db,
    kind: 'postgres',
    url,
    async dispose() {
      await db.close();
      await direct.dispose();
    },
  };
}
