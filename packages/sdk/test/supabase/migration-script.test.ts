import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InputError,
  listMigrations,
  MissingRollbackError,
  migrate,
  migrationScript,
  migrationStatus,
  openDatabase,
  rollbackMigrations,
  rollbackScript,
} from '../../src/index.js';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../../src/testing/index.js';
import { schemaSnapshot } from './support/schema-snapshot.js';

const versions = listMigrations().map((m) => m.version);
const latest = Math.max(...versions);

/** Runs a whole script the way the SQL editor does: one multi-statement request on one connection. */
async function runScript(t: TestDatabase, script: string): Promise<void> {
  if (t.kind === 'pglite') return t.db.exec(script);
  const single = await openDatabase({ url: t.url, migrate: false, maxConnections: 1, env: {} });
  try {
    await single.exec(script);
  } finally {
    await single.close();
  }
}

async function recorded(t: TestDatabase): Promise<number[]> {
  const rows = await t.db.query<{ version: number }>(
    'SELECT version FROM citebots_migrations ORDER BY version',
  );
  return rows.map((r) => Number(r.version));
}

describe.each<TestDatabaseKind>(['pglite', 'postgres'])('migration scripts and rollbacks on %s', (kind) => {
  let fresh: TestDatabase;
  let baseline: Record<string, unknown[]>;
  beforeAll(async () => {
    fresh = await createTestDatabase(kind);
    baseline = await schemaSnapshot(fresh.db);
  });
  afterAll(async () => {
    await fresh?.dispose();
  });

  it('ships a rollback for every migration', () => {
    for (const m of listMigrations()) expect(m.down, `${m.version}_${m.name}.down.sql`).not.toBeNull();
  });

  it('`db sql` script applies every migration, records the versions, and is safe to run twice', async () => {
    const t = await createTestDatabase(kind, { migrate: false });
    try {
      const script = migrationScript();
      await runScript(t, script);
      expect(await recorded(t)).toEqual(versions);
      const once = await schemaSnapshot(t.db);
      await runScript(t, script);
      expect(await recorded(t)).toEqual(versions);
      expect(await schemaSnapshot(t.db)).toEqual(once);
      expect(once).toEqual(baseline);
      expect(await migrate(t.db)).toEqual([]);
    } finally {
      await t.dispose();
    }
  });

  it('`--from N` prints only the later migrations, and they apply on top of migrate() up to N-1', async () => {
    const from = versions[1]!;
    const script = migrationScript({ from });
    expect(script).not.toContain(`-- 0001_`);
    expect(script).toContain(`-- ${String(from).padStart(4, '0')}_`);
    expect(() => migrationScript({ from: 0 })).toThrow(InputError);
    const t = await createTestDatabase(kind, { migrate: false });
    try {
      await runScript(t, migrationScript().split('\n-- 0002_')[0]!.concat('\nCOMMIT;'));
      expect(await recorded(t)).toEqual([1]);
      await runScript(t, script);
      expect(await recorded(t)).toEqual(versions);
      expect(await schemaSnapshot(t.db)).toEqual(baseline);
    } finally {
      await t.dispose();
    }
  });

  it('rolls back to 0 and forward again to the schema of a fresh install (library and script)', async () => {
    const t = await createTestDatabase(kind);
    try {
      expect(await rollbackMigrations(t.db, { to: 0 })).toEqual([...versions].reverse());
      expect(await recorded(t)).toEqual([]);
      const status = await migrationStatus(t.db);
      expect(status.current).toBe(0);
      expect(status.pending.map((p) => p.version)).toEqual(versions);
      // 0001's rollback keeps the old tables: they may hold the old system's data.
      const [tables] = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM information_schema.tables
          WHERE table_schema = current_schema()
            AND table_name IN ('clients','competitors','analysis_runs','analysis_queue','analysis_queries','page_analyses')`,
      );
      expect(tables!.n).toBe(6);
      const [added] = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = 'analysis_runs' AND column_name = 'platforms'`,
      );
      expect(added!.n).toBe(0);

      expect(await migrate(t.db)).toEqual(versions);
      expect(await schemaSnapshot(t.db)).toEqual(baseline);

      const down = rollbackScript({ to: 0 });
      await runScript(t, down);
      expect(await recorded(t)).toEqual([]);
      await runScript(t, down);
      await runScript(t, migrationScript());
      expect(await schemaSnapshot(t.db)).toEqual(baseline);
    } finally {
      await t.dispose();
    }
  });

  it('rolls back only above `--to`, newest first', async () => {
    const t = await createTestDatabase(kind);
    try {
      const to = versions[1]!;
      const script = rollbackScript({ to });
      const order = [...script.matchAll(/^-- (\d{4})_\w+ \(rollback\)$/gm)].map((m) => Number(m[1]));
      expect(order).toEqual(versions.filter((v) => v > to).reverse());
      await runScript(t, script);
      expect(await recorded(t)).toEqual(versions.filter((v) => v <= to));
      expect(await rollbackMigrations(t.db, { to })).toEqual([]);
      expect(await migrate(t.db)).toEqual(versions.filter((v) => v > to));
      expect(await schemaSnapshot(t.db)).toEqual(baseline);
    } finally {
      await t.dispose();
    }
  });
});

describe('rollback planning', () => {
  it('refuses to roll back a migration that ships no rollback, naming the file', () => {
    const migrations = [
      { version: 1, name: 'a', up: 'SELECT 1', down: '' },
      { version: 2, name: 'b', up: 'SELECT 2', down: null },
    ];
    expect(() => rollbackScript({ to: 0, migrations })).toThrow(MissingRollbackError);
    expect(() => rollbackScript({ to: 0, migrations })).toThrow(/0002_b\.down\.sql/);
    expect(rollbackScript({ to: 2, migrations })).toContain('nothing');
    expect(() => rollbackScript({ to: -1, migrations })).toThrow(InputError);
  });

  it(`status reports applied, pending and unknown versions (latest ${latest})`, async () => {
    const t = await createTestDatabase('pglite');
    try {
      await t.db.query(`INSERT INTO citebots_migrations (version, name) VALUES (9999, 'from_the_future')`);
      const status = await migrationStatus(t.db);
      expect(status.applied.map((a) => a.version)).toEqual(versions);
      expect(status.pending).toEqual([]);
      expect(status.unknown.map((u) => u.version)).toEqual([9999]);
      expect(status.latest).toBe(latest);
      expect(status.current).toBe(9999);
      expect(status.warnings.join('\n')).toMatch(/newer version/);
    } finally {
      await t.dispose();
    }
  });
});
