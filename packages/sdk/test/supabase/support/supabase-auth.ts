import type { Queryable } from '../../../src/index.js';

/**
 * Supabase's roles and `auth.uid()` on a plain PostgreSQL database, as far as row-level security
 * needs them: anon and authenticated (NOLOGIN, used with SET ROLE), service_role with BYPASSRLS,
 * and auth.uid() reading the `sub` claim of `request.jwt.claims`. Roles belong to the whole
 * server, so creating them tolerates another test file doing the same at the same moment.
 */
export async function installSupabaseAuth(db: Queryable): Promise<void> {
  for (const [role, attributes] of [
    ['anon', 'NOLOGIN NOINHERIT'],
    ['authenticated', 'NOLOGIN NOINHERIT'],
    ['service_role', 'NOLOGIN NOINHERIT BYPASSRLS'],
  ] as const) {
    await db.query(`DO $$ BEGIN
      CREATE ROLE ${role} ${attributes};
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
  }
  await db.query('ALTER ROLE service_role BYPASSRLS');
  await db.query('CREATE SCHEMA IF NOT EXISTS auth');
  await db.query(`CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $$
    SELECT nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub', '')::uuid
  $$`);
  await db.query('GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role');
}

/** What Supabase's default privileges give its API roles on the tables of the public schema. */
export async function grantSupabaseTablePrivileges(db: Queryable): Promise<void> {
  await db.query('GRANT USAGE ON SCHEMA public TO anon, authenticated, service_role');
  await db.query('GRANT ALL ON ALL TABLES IN SCHEMA public TO anon, authenticated, service_role');
}

export interface Requester {
  role: 'anon' | 'authenticated' | 'service_role';
  /** The user id (the JWT's `sub`), for `authenticated`. */
  sub?: string;
}

/**
 * Runs `fn` as Supabase's API would for this requester: inside one transaction, with the JWT claims
 * and the role set LOCAL (so it works through a transaction-mode pooler and never leaks).
 */
export async function asRequester<T>(
  db: { transaction<R>(fn: (tx: Queryable) => Promise<R>): Promise<R> },
  who: Requester,
  fn: (tx: Queryable) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const claims = JSON.stringify({ role: who.role, ...(who.sub ? { sub: who.sub } : {}) });
    await tx.query(`SELECT set_config('request.jwt.claims', $1, true)`, [claims]);
    await tx.query(`SET LOCAL ROLE ${who.role}`);
    return fn(tx);
  });
}
