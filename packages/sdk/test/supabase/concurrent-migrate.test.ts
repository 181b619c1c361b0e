import { describe, expect, it } from 'vitest';
import { type Database, listMigrations, migrate, openDatabase } from '../../src/index.js';
import { createTestDatabase } from '../../src/testing/index.js';

const versions = listMigrations().map((m) => m.version);

/** Two migrators (separate processes would hold separate pools) start at once on a fresh database. */
async function race(url: string): Promise<number[][]> {
  const a = await openDatabase({ url, migrate: false, maxConnections: 2, env: {} });
  const b = await openDatabase({ url, migrate: false, maxConnections: 2, env: {} });
  try {
    return await Promise.all([migrate(a), migrate(b)]);
  } finally {
    await a.close();
    await b.close();
  }
}

async function recorded(db: Database): Promise<number[]> {
  const rows = await db.query<{ version: number }>(
    'SELECT version FROM citebots_migrations ORDER BY version',
  );
  return rows.map((r) => Number(r.version));
}

describe('two concurrent migrators on a fresh PostgreSQL database', () => {
  it('apply every migration exactly once between them, without an error', async () => {
    for (let round = 0; round < 3; round++) {
      const t = await createTestDatabase('postgres', { migrate: false });
      try {
        const [first, second] = await race(t.url!);
        expect([...first!, ...second!].sort((x, y) => x - y)).toEqual(versions);
        expect(await recorded(t.db)).toEqual(versions);
        const [counters] = await t.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_trigger WHERE tgname = 'citebots_run_counters_insert'`,
        );
        expect(counters!.n).toBe(1);
      } finally {
        await t.dispose();
      }
    }
  });
});
