import { type Database, openDatabase } from '../../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../../../src/testing/index.js';

/** Where the transaction-mode PgBouncer of scripts/pgbouncer/start.sh listens, for database `name`. */
export function pgbouncerUrl(name: string, env: Record<string, string | undefined> = process.env): string {
  const u = new URL(env.CITEBOTS_TEST_PGBOUNCER_URL ?? 'postgres://postgres@127.0.0.1:6432/test');
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Whether the pooler answers. Under CI=true an unreachable pooler is a failure (CI starts it);
 * elsewhere the pooler tests are skipped with the returned reason.
 */
export async function pgbouncerSkipReason(): Promise<string | null> {
  const url = process.env.CITEBOTS_TEST_PGBOUNCER_URL ?? pgbouncerUrl('test');
  try {
    const db = await openDatabase({ url, migrate: false, maxConnections: 1, env: {} });
    await db.close();
    return null;
  } catch (error) {
    const reason =
      `PgBouncer is not reachable at ${url.replace(/:[^:@/]*@/, ':***@')} (${(error as Error).message}). ` +
      'Start it with `bash scripts/pgbouncer/start.sh` or set CITEBOTS_TEST_PGBOUNCER_URL.';
    if (process.env.CI === 'true') throw new Error(`CI=true requires the pooler: ${reason}`);
    return reason;
  }
}

export interface PooledTestDatabase extends TestDatabase {
  /** The same fresh database, reached directly (for set-up the pooler is not meant for). */
  direct: Database;
}

/** A fresh database on the test server, opened through the pooler (and migrated through it by default). */
export async function createPooledTestDatabase(
  options: { migrate?: boolean } = {},
): Promise<PooledTestDatabase> {
  const direct = await createTestDatabase('postgres', { migrate: false });
  const name = new URL(direct.url!).pathname.slice(1);
  const url = pgbouncerUrl(name);
  const db = await openDatabase({ url, migrate: options.migrate, maxConnections: 4, env: {} });
  return {
    db,
    direct: direct.db,
    kind: 'postgres',
    url,
    async dispose() {
      await db.close();
      await direct.dispose();
    },
  };
}
