import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Database,
  listMigrations,
  migrate,
  openDatabase,
  type Queryable,
  rollbackMigrations,
} from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../../src/testing/index.js';
import { pgbouncerSkipReason, pgbouncerUrl } from './support/pgbouncer.js';
import { schemaSnapshot } from './support/schema-snapshot.js';
import {
  asRequester,
  grantSupabaseTablePrivileges,
  installSupabaseAuth,
  type Requester,
} from './support/supabase-auth.js';

interface Tenant {
  user: string;
  client: string;
  run: string;
  item: string;
  answer: string;
  page: string;
}

async function id(db: Queryable, sql: string, params: unknown[]): Promise<string> {
  const rows = await db.query<{ id: string }>(sql, params);
  return rows[0]!.id;
}

/** A client with one run, one queue item, one answer and one cited page, written as the table owner. */
async function seedTenant(db: Queryable, name: string, role: 'owner' | 'editor'): Promise<Tenant> {
  const user = randomUUID();
  const client = await id(db, `INSERT INTO clients (name, domain) VALUES ($1, $2) RETURNING id`, [
    name,
    `${name}.com`,
  ]);
  await db.query(`INSERT INTO client_access (user_id, client_id, role) VALUES ($1, $2, $3)`, [
    user,
    client,
    role,
  ]);
  await db.query(`INSERT INTO competitors (client_id, name) VALUES ($1, 'Rival')`, [client]);
  const run = await id(db, `INSERT INTO analysis_runs (client_id, batch_id) VALUES ($1, 'b') RETURNING id`, [
    client,
  ]);
  const item = await id(
    db,
    `INSERT INTO analysis_queue (analysis_run_id, query_id, query_text, platform) VALUES ($1, 'q1', 'x', 'chatgpt') RETURNING id`,
    [run],
  );
  const answer = await id(
    db,
    `INSERT INTO analysis_queries (analysis_run_id, queue_item_id, query_text, model_response) VALUES ($1, $2, 'x', $3) RETURNING id`,
    [run, item, `${name} is great`],
  );
  const page = await id(
    db,
    `INSERT INTO page_analyses (query_id, citation_url) VALUES ($1, $2) RETURNING id`,
    [answer, `https://${name}.com/`],
  );
  return { user, client, run, item, answer, page };
}

/** How many of a tenant's rows the requester can see, table by table. */
async function visible(db: Database, who: Requester, t: Tenant): Promise<Record<string, number>> {
  return asRequester(db, who, async (tx) => {
    const n = async (sql: string, param: string) =>
      Number((await tx.query<{ n: number }>(sql, [param]))[0]!.n);
    return {
      clients: await n('SELECT count(*)::int AS n FROM clients WHERE id = $1', t.client),
      competitors: await n('SELECT count(*)::int AS n FROM competitors WHERE client_id = $1', t.client),
      runs: await n('SELECT count(*)::int AS n FROM analysis_runs WHERE id = $1', t.run),
      items: await n('SELECT count(*)::int AS n FROM analysis_queue WHERE id = $1', t.item),
      answers: await n('SELECT count(*)::int AS n FROM analysis_queries WHERE id = $1', t.answer),
      pages: await n('SELECT count(*)::int AS n FROM page_analyses WHERE id = $1', t.page),
      access: await n('SELECT count(*)::int AS n FROM client_access WHERE client_id = $1', t.client),
    };
  });
}

const ALL = { clients: 1, competitors: 1, runs: 1, items: 1, answers: 1, pages: 1, access: 1 };
const NONE = { clients: 0, competitors: 0, runs: 0, items: 0, answers: 0, pages: 0, access: 0 };

describe('row-level security with Supabase roles (real PostgreSQL)', () => {
  let t: TestDatabase;
  let a: Tenant;
  let b: Tenant;
  const as = (tenant: Tenant): Requester => ({ role: 'authenticated', sub: tenant.user });

  beforeAll(async () => {
    t = await createTestDatabase('postgres', { migrate: false });
    await installSupabaseAuth(t.db);
    await migrate(t.db);
    await grantSupabaseTablePrivileges(t.db);
    // A permissive policy the old system might have left: it must not widen access across tenants.
    await t.db.query(
      'CREATE POLICY legacy_read_all ON analysis_runs FOR SELECT TO authenticated USING (true)',
    );
    a = await seedTenant(t.db, 'knak', 'owner');
    b = await seedTenant(t.db, 'brevo', 'editor');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('each tenant sees its own client, runs, items, answers and pages, and none of the other', async () => {
    expect(await visible(t.db, as(a), a)).toEqual(ALL);
    expect(await visible(t.db, as(b), b)).toEqual(ALL);
    expect(await visible(t.db, as(b), a)).toEqual(NONE);
    expect(await visible(t.db, as(a), b)).toEqual(NONE);
  });

  it('service_role sees everything; anon and a user without access see nothing', async () => {
    expect(await visible(t.db, { role: 'service_role' }, a)).toEqual(ALL);
    expect(await visible(t.db, { role: 'service_role' }, b)).toEqual(ALL);
    expect(await visible(t.db, { role: 'anon' }, a)).toEqual(NONE);
    expect(await visible(t.db, { role: 'authenticated', sub: randomUUID() }, a)).toEqual(NONE);
    expect(await visible(t.db, { role: 'authenticated' }, a)).toEqual(NONE);
  });

  it("tenant B cannot write into tenant A's client: inserts fail, updates and deletes touch nothing", async () => {
    const denied = /row-level security/;
    const inserts: [string, unknown[]][] = [
      ['INSERT INTO analysis_runs (client_id, batch_id) VALUES ($1, $2)', [a.client, 'intruder']],
      ['INSERT INTO competitors (client_id, name) VALUES ($1, $2)', [a.client, 'x']],
      [
        `INSERT INTO analysis_queue (analysis_run_id, query_text, platform) VALUES ($1, $2, 'chatgpt')`,
        [a.run, 'x'],
      ],
      ['INSERT INTO analysis_queries (analysis_run_id, query_text) VALUES ($1, $2)', [a.run, 'x']],
      ['INSERT INTO page_analyses (query_id, citation_url) VALUES ($1, $2)', [a.answer, 'https://x.test/']],
      [`INSERT INTO client_access (user_id, client_id, role) VALUES ($1, $2, 'owner')`, [b.user, a.client]],
    ];
    for (const [sql, params] of inserts) {
      await expect(
        asRequester(t.db, as(b), (tx) => tx.query(sql, params)),
        sql,
      ).rejects.toThrow(denied);
    }
    // Moving B's own run under A's client is refused too.
    await expect(
      asRequester(t.db, as(b), (tx) =>
        tx.query('UPDATE analysis_runs SET client_id = $1 WHERE id = $2', [a.client, b.run]),
      ),
    ).rejects.toThrow(denied);
    const touched = await asRequester(t.db, as(b), async (tx) => [
      ...(await tx.query(`UPDATE analysis_runs SET status = 'hacked' WHERE id = $1 RETURNING id`, [a.run])),
      ...(await tx.query(`UPDATE clients SET name = 'hacked' WHERE id = $1 RETURNING id`, [a.client])),
      ...(await tx.query('DELETE FROM analysis_queries WHERE id = $1 RETURNING id', [a.answer])),
      ...(await tx.query('DELETE FROM page_analyses WHERE id = $1 RETURNING id', [a.page])),
    ]);
    expect(touched).toEqual([]);
    expect(await visible(t.db, { role: 'service_role' }, a)).toEqual(ALL);
  });

  it('tenants write their own rows; viewers read but cannot write; creators own what they create', async () => {
    const [run] = await asRequester(t.db, as(b), (tx) =>
      tx.query<{ id: string }>(
        `INSERT INTO analysis_runs (client_id, batch_id) VALUES ($1, 'own') RETURNING id`,
        [b.client],
      ),
    );
    expect(run?.id).toBeTruthy();

    const viewer = randomUUID();
    await t.db.query(`INSERT INTO client_access (user_id, client_id, role) VALUES ($1, $2, 'viewer')`, [
      viewer,
      a.client,
    ]);
    expect((await visible(t.db, { role: 'authenticated', sub: viewer }, a)).runs).toBe(1);
    await expect(
      asRequester(t.db, { role: 'authenticated', sub: viewer }, (tx) =>
        tx.query(`INSERT INTO analysis_runs (client_id, batch_id) VALUES ($1, 'viewer')`, [a.client]),
      ),
    ).rejects.toThrow(/row-level security/);

    // The old system's ownership column (clients.created_by) keeps working without a client_access row.
    const creator = randomUUID();
    const created = await asRequester(t.db, { role: 'authenticated', sub: creator }, async (tx) => {
      const [client] = await tx.query<{ id: string }>(
        `INSERT INTO clients (name, domain, created_by) VALUES ('New', 'new.test', $1) RETURNING id`,
        [creator],
      );
      await tx.query(`INSERT INTO analysis_runs (client_id, batch_id) VALUES ($1, 'first')`, [client!.id]);
      return tx.query('SELECT id FROM analysis_runs WHERE client_id = $1', [client!.id]);
    });
    expect(created).toHaveLength(1);
    await expect(
      asRequester(t.db, as(b), (tx) =>
        tx.query(`INSERT INTO clients (name, domain, created_by) VALUES ('Spoof', 'spoof.test', $1)`, [
          a.user,
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('the runner, connected as the table owner, is not restricted', async () => {
    const [row] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM analysis_runs');
    expect(row!.n).toBeGreaterThanOrEqual(4);
  });

  it('isolates tenants through a transaction-mode pooler too (claims and role are transaction-local)', async (ctx) => {
    const reason = await pgbouncerSkipReason();
    if (reason) {
      console.warn(`skipped: ${reason}`);
      ctx.skip();
    }
    const pooled = await openDatabase({
      url: pgbouncerUrl(new URL(t.url!).pathname.slice(1)),
      migrate: false,
      maxConnections: 2,
      env: {},
    });
    try {
      for (let i = 0; i < 3; i++) {
        expect(await visible(pooled, as(b), a)).toEqual(NONE);
        expect(await visible(pooled, as(a), a)).toEqual(await visible(t.db, as(a), a));
        expect((await visible(pooled, as(a), a)).pages).toBe(1);
      }
      // Nothing leaks into the next transaction on the same server connection.
      const [who] = await pooled.query<{ role: string; claims: string | null }>(
        `SELECT current_user AS role, nullif(current_setting('request.jwt.claims', true), '') AS claims`,
      );
      expect(who).toEqual({ role: 'postgres', claims: null });
    } finally {
      await pooled.close();
    }
  });

  it('rolls 0006 back and forward to the same schema, leaving RLS on where the owner had it before', async () => {
    const rls = async (table: string) =>
      (
        await t.db.query<{ on: boolean }>(
          'SELECT relrowsecurity AS on FROM pg_class WHERE oid = to_regclass($1)',
          [table],
        )
      )[0]!.on;
    const before = await schemaSnapshot(t.db);
    const after5 = listMigrations()
      .map((m) => m.version)
      .filter((v) => v > 5);
    expect(await rollbackMigrations(t.db, { to: 5 })).toEqual([...after5].reverse());
    expect(await t.db.query(`SELECT policyname FROM pg_policies WHERE policyname LIKE 'citebots%'`)).toEqual(
      [],
    );
    expect(await t.db.query(`SELECT policyname FROM pg_policies`)).toEqual([
      { policyname: 'legacy_read_all' },
    ]);
    expect(await rls('analysis_runs')).toBe(false);
    expect(await t.db.query(`SELECT to_regclass('client_access')::text AS t`)).toEqual([{ t: null }]);

    // The owner had switched RLS on for clients before 0006: the rollback must leave it on.
    await t.db.query('ALTER TABLE clients ENABLE ROW LEVEL SECURITY');
    await migrate(t.db);
    await rollbackMigrations(t.db, { to: 5 });
    expect(await rls('clients')).toBe(true);
    expect(await rls('competitors')).toBe(false);
    await t.db.query('ALTER TABLE clients DISABLE ROW LEVEL SECURITY');

    expect(await migrate(t.db)).toEqual(after5);
    await grantSupabaseTablePrivileges(t.db);
    expect(await schemaSnapshot(t.db)).toEqual(before);
  });
});

describe('0006 without Supabase roles', () => {
  it('applies on PGlite: RLS enabled, no policies, and the embedded database keeps working', async () => {
    const p = await createTestDatabase('pglite');
    try {
      const rls = await p.db.query<{ relname: string; relrowsecurity: boolean }>(
        `SELECT relname, relrowsecurity FROM pg_class WHERE relname IN ('clients', 'analysis_runs', 'client_access') ORDER BY 1`,
      );
      expect(rls.every((r) => r.relrowsecurity)).toBe(true);
      const policies = await p.db.query(
        `SELECT policyname FROM pg_policies WHERE policyname LIKE 'citebots_%'`,
      );
      expect(policies).toEqual([]);
      const [client] = await p.db.query<{ id: string }>(
        `INSERT INTO clients (name, domain) VALUES ('Knak', 'knak.com') RETURNING id`,
      );
      await p.db.query(`INSERT INTO analysis_runs (client_id, batch_id) VALUES ($1, 'b')`, [client!.id]);
      const [row] = await p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM analysis_runs');
      expect(row!.n).toBe(1);
    } finally {
      await p.dispose();
    }
  });
});
