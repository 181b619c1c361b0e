import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations, migrate, openDatabase } from '../../src/index.js';
import { createTestDatabase } from '../../src/testing/index.js';
import {
  createPooledTestDatabase,
  type PooledTestDatabase,
  pgbouncerSkipReason,
  pgbouncerUrl,
} from './support/pgbouncer.js';

// The storage suite (packages/sdk/test/storage.test.ts) again, through a transaction-mode PgBouncer
// standing in for Supabase's pooler on port 6543: consecutive statements may run on different
// server connections, so nothing may rely on prepared statements or session state.
const skipReason = await pgbouncerSkipReason();
if (skipReason) console.warn(`storage through PgBouncer skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('storage through a transaction-mode PgBouncer', () => {
  let t: PooledTestDatabase;
  beforeAll(async () => {
    t = await createPooledTestDatabase();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('really goes through the pooler in transaction mode', () => {
    // The admin console speaks only the simple query protocol: ask it with psql.
    const u = new URL(pgbouncerUrl('pgbouncer'));
    const out = execFileSync(
      'psql',
      [
        '-h',
        u.hostname,
        '-p',
        u.port,
        '-U',
        decodeURIComponent(u.username),
        '-d',
        'pgbouncer',
        '-tAF',
        '=',
        '-c',
        'SHOW CONFIG',
      ],
      { encoding: 'utf8', env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) } },
    );
    expect(out).toMatch(/^pool_mode=transaction/m);
  });

  it('applies every migration once through the pooler, and a second migrate is a no-op', async () => {
    const rows = await t.db.query<{ version: number }>(
      'SELECT version FROM citebots_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
    expect(await migrate(t.db)).toEqual([]);
  });

  it('two migrators starting at once through the pooler apply each migration once', async () => {
    const fresh = await createTestDatabase('postgres', { migrate: false });
    const url = pgbouncerUrl(new URL(fresh.url!).pathname.slice(1));
    const a = await openDatabase({ url, migrate: false, maxConnections: 2, env: {} });
    const b = await openDatabase({ url, migrate: false, maxConnections: 2, env: {} });
    try {
      const [x, y] = await Promise.all([migrate(a), migrate(b)]);
      expect([...x, ...y].sort((p, q) => p - q)).toEqual(listMigrations().map((m) => m.version));
    } finally {
      await a.close();
      await b.close();
      await fresh.dispose();
    }
  });

  it('recounts run counters from the item states (citebots_refresh_run), repairing any drift', async () => {
    const [client] = await t.db.query<{ id: string }>(
      `INSERT INTO clients (name, domain) VALUES ('Knak', 'knak.com') RETURNING id`,
    );
    const [run] = await t.db.query<{ id: string }>(
      `INSERT INTO analysis_runs (client_id, batch_id, platforms) VALUES ($1, 'b1', $2) RETURNING id`,
      [client!.id, ['perplexity', 'chatgpt']],
    );
    await Promise.all(
      ['perplexity', 'chatgpt'].flatMap((platform) =>
        ['q1', 'q2'].map((q) =>
          t.db.query(
            `INSERT INTO analysis_queue (analysis_run_id, query_id, query_text, platform) VALUES ($1, $2, 'x', $3)`,
            [run!.id, q, platform],
          ),
        ),
      ),
    );
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
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(`UPDATE analysis_queue SET status = 'failed' WHERE analysis_run_id = $1`, [run!.id]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
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

  it('refuses a second live run with the same client and batch id, even when both arrive at once', async () => {
    const [client] = await t.db.query<{ id: string }>(
      `INSERT INTO clients (name, domain) VALUES ('Brevo', 'brevo.com') RETURNING id`,
    );
    const attempts = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        t.db.query(
          `INSERT INTO analysis_runs (client_id, batch_id) VALUES ($1, 'same')
           ON CONFLICT (client_id, batch_id) WHERE batch_id IS NOT NULL AND archived_at IS NULL DO NOTHING RETURNING id`,
          [client!.id],
        ),
      ),
    );
    const created = attempts.flatMap((a) => (a.status === 'fulfilled' ? a.value : []));
    expect(created).toHaveLength(1);
    await expect(
      t.db.query(`INSERT INTO analysis_runs (client_id, batch_id) VALUES ($1, 'same')`, [client!.id]),
    ).rejects.toThrow(/analysis_runs_client_batch_uidx/);
  });

  it('round-trips json, arrays, numerics and timestamps as the direct connection does', async () => {
    const sql = `SELECT $1::jsonb AS j, $2::text[] AS a, 0.0307::numeric AS n, count(*) AS c, now() AS ts FROM clients`;
    const params = [JSON.stringify({ a: [1, 'b'] }), ['x', 'y']];
    const [row] = await t.db.query<{ j: unknown; a: string[]; n: number; c: number; ts: Date }>(sql, params);
    expect(row!.j).toEqual({ a: [1, 'b'] });
    expect(row!.a).toEqual(['x', 'y']);
    expect(row!.n).toBe(0.0307);
    expect(typeof row!.c).toBe('number');
    expect(row!.ts).toBeInstanceOf(Date);
    const [direct] = await t.direct.query<{ c: number }>(sql, params);
    expect(direct!.c).toBe(row!.c);
  });
});
