import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations, migrate, splitSql } from '../src/index.js';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../src/testing/index.js';

describe.each<TestDatabaseKind>(['pglite', 'postgres'])('storage on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('applies every migration once, and a second migrate is a no-op', async () => {
    const rows = await t.db.query<{ version: number }>(
      'SELECT version FROM citebots_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
    expect(await migrate(t.db)).toEqual([]);
  });

  it('recounts run counters from the item states (citebots_refresh_run), repairing any drift', async () => {
    const [client] = await t.db.query<{ id: string }>(
      `INSERT INTO clients (name, domain) VALUES ('Knak', 'knak.com') RETURNING id`,
    );
    const [run] = await t.db.query<{ id: string }>(
      `INSERT INTO analysis_runs (client_id, batch_id, platforms) VALUES ($1, 'b1', $2) RETURNING id`,
      [client!.id, ['perplexity', 'chatgpt']],
    );
    for (const platform of ['perplexity', 'chatgpt']) {
      for (const q of ['q1', 'q2']) {
        await t.db.query(
          `INSERT INTO analysis_queue (analysis_run_id, query_id, query_text, platform) VALUES ($1, $2, 'x', $3)`,
          [run!.id, q, platform],
        );
      }
    }
    await t.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE analysis_queue SET status = 'processing' WHERE analysis_run_id = $1 AND query_id = 'q1'`,
        [run!.id],
      );
      await tx.query(
        `UPDATE analysis_queue SET status = 'completed' WHERE analysis_run_id = $1 AND query_id = 'q1' AND platform = 'chatgpt'`,
        [run!.id],
      );
    });
    // Item updates no longer touch the run row; the refresh recounts it from the items.
    await t.db.query('UPDATE analysis_runs SET queries_completed = 99, queries_queued = -3 WHERE id = $1', [
      run!.id,
    ]);
    const [refresh] = await t.db.query<{ refreshed: boolean; new_status: string }>(
      'SELECT * FROM citebots_refresh_run($1::uuid, true)',
      [run!.id],
    );
    expect(refresh).toMatchObject({ refreshed: true, new_status: 'running' });
    const [counts] = await t.db.query(
      `SELECT queries_total, queries_queued, queries_processing, queries_completed, queries_failed FROM analysis_runs WHERE id = $1`,
      [run!.id],
    );
    expect(counts).toEqual({
      queries_total: 4,
      queries_queued: 2,
      queries_processing: 1,
      queries_completed: 1,
      queries_failed: 0,
    });
  });

  it('refuses a second live run with the same client and batch id, and a second item for the same pair', async () => {
    const [client] = await t.db.query<{ id: string }>(
      `INSERT INTO clients (name, domain) VALUES ('Brevo', 'brevo.com') RETURNING id`,
    );
    await t.db.query(`INSERT INTO analysis_runs (client_id, batch_id) VALUES ($1, 'same')`, [client!.id]);
    await expect(
      t.db.query(`INSERT INTO analysis_runs (client_id, batch_id) VALUES ($1, 'same')`, [client!.id]),
    ).rejects.toThrow();
    const inserted = await t.db.query(
      `INSERT INTO analysis_runs (client_id, batch_id) VALUES ($1, 'same') ON CONFLICT (client_id, batch_id) WHERE batch_id IS NOT NULL AND archived_at IS NULL DO NOTHING RETURNING id`,
      [client!.id],
    );
    expect(inserted).toEqual([]);
  });

  it('round-trips json, arrays, numerics and timestamps the same way on both drivers', async () => {
    const [row] = await t.db.query<{ j: unknown; a: string[]; n: number; c: number; ts: Date }>(
      `SELECT $1::jsonb AS j, $2::text[] AS a, 0.0307::numeric AS n, count(*) AS c, now() AS ts FROM clients`,
      [JSON.stringify({ a: [1, 'b'] }), ['x', 'y']],
    );
    expect(row!.j).toEqual({ a: [1, 'b'] });
    expect(row!.a).toEqual(['x', 'y']);
    expect(row!.n).toBe(0.0307);
    expect(typeof row!.c).toBe('number');
    expect(row!.ts).toBeInstanceOf(Date);
  });
});

describe('splitSql', () => {
  it('keeps dollar-quoted bodies, strings and comments whole', () => {
    const parts = splitSql(
      `-- a; comment\nSELECT 'a;b'; CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n/* x; */ SELECT 2`,
    );
    expect(parts).toEqual([
      `SELECT 'a;b'`,
      `CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql`,
      'SELECT 2',
    ]);
  });
});
