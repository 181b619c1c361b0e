import { randomBytes } from 'node:crypto';
import type { Database } from '../storage/database.js';
import { openDatabase } from '../storage/open-database.js';

export type TestDatabaseKind = 'pglite' | 'postgres';

export interface TestDatabase {
  db: Database;
  kind: TestDatabaseKind;
  /** The connection URL of the fresh database (postgres only). */
  url: string | null;
  /** Closes the connection and drops the database. */
  dispose(): Promise<void>;
}

/** The server the tests use: `CITEBOTS_TEST_PG_URL`, else the local one (trust auth, database `test`). */
export function testServerUrl(env: Record<string, string | undefined> = process.env): string {
  return env.CITEBOTS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or a new database on the
 * test PostgreSQL server (dropped by `dispose`).
 */
export async function createTestDatabase(
  kind: TestDatabaseKind,
  options: { migrate?: boolean; applicationName?: string } = {},
): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await openDatabase({ dataDir: 'memory://', url: null, migrate: options.migrate, env: {} });
    return { db, kind, url: null, dispose: () => db.close() };
  }
  const server = testServerUrl();
  const name = `citebots_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ url: server, migrate: false, maxConnections: 1 });
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const url = withDatabase(server, name);
  const db = await openDatabase({
    url,
    migrate: options.migrate,
    applicationName: options.applicationName ?? 'citebots-test',
  });
  return {
    db,
    kind,
    url,
    async dispose() {
      await db.close();
      const cleanup = await openDatabase({ url: server, migrate: false, maxConnections: 1 });
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.close();
      }
    },
  };
}
