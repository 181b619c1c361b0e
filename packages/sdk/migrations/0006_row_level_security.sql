-- Multi-tenant row-level security for Supabase: a user sees and writes only the clients they
-- were given access to (client_access) or created (clients.created_by, the old system's owner
-- column), and everything that hangs off those clients: competitors, runs, queue items,
-- answers and cited pages.
--
-- Where it applies:
--   * Row-level security is ENABLED on every tenant table everywhere. The table owner (the role
--     the runner and `citebots db migrate` connect as), superusers (the embedded database) and
--     roles with BYPASSRLS (Supabase's service_role, which workers use) are not affected.
--   * The policies, the helper functions and the grants are created only where Supabase's
--     `authenticated` role AND the `auth.uid()` function exist. On plain PostgreSQL and on the
--     embedded database nothing else changes; no role is created.
--   * Citebots' own bookkeeping tables (citebots_migrations, citebots_rls_state, the runner's
--     citebots_rate_limits and citebots_daily_spend) get RLS without policies: on Supabase the
--     API roles cannot read or write them; the owner and service_role can.
--   * Besides one permissive policy per command, each tenant table gets one RESTRICTIVE policy,
--     so that a permissive policy left by the old system (for instance USING (true)) cannot
--     widen access across tenants.
-- The rollback (0006_row_level_security.down.sql) disables RLS only on the tables this
-- migration enabled it on (recorded in citebots_rls_state).

CREATE TABLE IF NOT EXISTS client_access (
  user_id uuid NOT NULL,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  role text NOT NULL DEFAULT 'viewer' CHECK (role IN ('owner', 'editor', 'viewer')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, client_id)
);
CREATE INDEX IF NOT EXISTS client_access_client_idx ON client_access (client_id);
CREATE INDEX IF NOT EXISTS clients_created_by_idx ON clients (created_by);

-- Which tables had RLS switched on by this migration (so the rollback leaves the others alone).
CREATE TABLE IF NOT EXISTS citebots_rls_state (
  table_name text PRIMARY KEY,
  enabled_at timestamptz NOT NULL DEFAULT now()
);

DO $enable$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['clients', 'competitors', 'analysis_runs', 'analysis_queue',
    'analysis_queries', 'page_analyses', 'client_access', 'citebots_migrations', 'citebots_rls_state',
    'citebots_rate_limits', 'citebots_daily_spend']
  LOOP
    IF to_regclass(t) IS NOT NULL AND NOT (SELECT relrowsecurity FROM pg_class WHERE oid = to_regclass(t)) THEN
      EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
      INSERT INTO citebots_rls_state (table_name) VALUES (t) ON CONFLICT DO NOTHING;
    END IF;
  END LOOP;
END
$enable$;

DO $policies$
DECLARE
  s text := current_schema();
  t text;
  fn text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'authenticated')
     OR to_regprocedure('auth.uid()') IS NULL THEN
    RAISE NOTICE 'citebots: no Supabase roles/auth schema here; row-level security is enabled without policies';
    RETURN;
  END IF;

  -- Helpers run as their owner (SECURITY DEFINER, fixed search_path), so policies on one table
  -- can look at clients/client_access without recursing into their policies.
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION citebots_has_client_access(p_client_id uuid, p_write boolean DEFAULT false)
    RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %I, pg_temp AS $body$
      SELECT p_client_id IS NOT NULL AND auth.uid() IS NOT NULL AND (
        EXISTS (SELECT 1 FROM client_access a
                 WHERE a.user_id = auth.uid() AND a.client_id = p_client_id
                   AND (NOT p_write OR a.role IN ('owner', 'editor')))
        OR EXISTS (SELECT 1 FROM clients c WHERE c.id = p_client_id AND c.created_by = auth.uid()))
    $body$ $f$, s);
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION citebots_is_client_owner(p_client_id uuid)
    RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %I, pg_temp AS $body$
      SELECT p_client_id IS NOT NULL AND auth.uid() IS NOT NULL AND (
        EXISTS (SELECT 1 FROM client_access a
                 WHERE a.user_id = auth.uid() AND a.client_id = p_client_id AND a.role = 'owner')
        OR EXISTS (SELECT 1 FROM clients c WHERE c.id = p_client_id AND c.created_by = auth.uid()))
    $body$ $f$, s);
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION citebots_has_run_access(p_run_id uuid, p_write boolean DEFAULT false)
    RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %I, pg_temp AS $body$
      SELECT citebots_has_client_access((SELECT r.client_id FROM analysis_runs r WHERE r.id = p_run_id), p_write)
    $body$ $f$, s);
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION citebots_has_query_access(p_query_id uuid, p_write boolean DEFAULT false)
    RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %I, pg_temp AS $body$
      SELECT citebots_has_run_access((SELECT q.analysis_run_id FROM analysis_queries q WHERE q.id = p_query_id), p_write)
    $body$ $f$, s);
  FOREACH fn IN ARRAY ARRAY['citebots_has_client_access(uuid, boolean)', 'citebots_is_client_owner(uuid)',
    'citebots_has_run_access(uuid, boolean)', 'citebots_has_query_access(uuid, boolean)']
  LOOP
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', fn);
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN
      -- Supabase's default privileges grant new functions to anon directly.
      EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM anon', fn);
    END IF;
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO authenticated', fn);
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'service_role') THEN
      EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO service_role', fn);
    END IF;
  END LOOP;

  -- client_access is new: give it the grants Supabase gives every table.
  EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON client_access TO authenticated';
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'service_role') THEN
    EXECUTE 'GRANT ALL ON client_access TO service_role';
  END IF;

  -- Policies: dropped and created again, so that running this twice gives the same result.
  FOREACH t IN ARRAY ARRAY['clients', 'competitors', 'analysis_runs', 'analysis_queue',
    'analysis_queries', 'page_analyses', 'client_access']
  LOOP
    EXECUTE format('DROP POLICY IF EXISTS citebots_select ON %I', t);
    EXECUTE format('DROP POLICY IF EXISTS citebots_insert ON %I', t);
    EXECUTE format('DROP POLICY IF EXISTS citebots_update ON %I', t);
    EXECUTE format('DROP POLICY IF EXISTS citebots_delete ON %I', t);
    EXECUTE format('DROP POLICY IF EXISTS citebots_tenant_isolation ON %I', t);
  END LOOP;

  -- clients: read with any role; create as yourself; edit as owner/editor; delete as owner.
  -- (created_by is checked directly as well: the helper cannot see a row inserted by the same
  -- statement, which INSERT ... RETURNING needs.)
  CREATE POLICY citebots_select ON clients FOR SELECT TO authenticated
    USING (created_by = (SELECT auth.uid()) OR citebots_has_client_access(id));
  CREATE POLICY citebots_insert ON clients FOR INSERT TO authenticated
    WITH CHECK (created_by = (SELECT auth.uid()));
  CREATE POLICY citebots_update ON clients FOR UPDATE TO authenticated
    USING (citebots_has_client_access(id, true)) WITH CHECK (citebots_has_client_access(id, true));
  CREATE POLICY citebots_delete ON clients FOR DELETE TO authenticated
    USING (citebots_is_client_owner(id));
  CREATE POLICY citebots_tenant_isolation ON clients AS RESTRICTIVE FOR ALL TO authenticated
    USING (created_by = (SELECT auth.uid()) OR citebots_has_client_access(id))
    WITH CHECK (created_by = (SELECT auth.uid()) OR citebots_has_client_access(id));

  -- Tables keyed by client_id.
  FOREACH t IN ARRAY ARRAY['competitors', 'analysis_runs'] LOOP
    EXECUTE format('CREATE POLICY citebots_select ON %I FOR SELECT TO authenticated USING (citebots_has_client_access(client_id))', t);
    EXECUTE format('CREATE POLICY citebots_insert ON %I FOR INSERT TO authenticated WITH CHECK (citebots_has_client_access(client_id, true))', t);
    EXECUTE format('CREATE POLICY citebots_update ON %I FOR UPDATE TO authenticated USING (citebots_has_client_access(client_id, true)) WITH CHECK (citebots_has_client_access(client_id, true))', t);
    EXECUTE format('CREATE POLICY citebots_delete ON %I FOR DELETE TO authenticated USING (citebots_has_client_access(client_id, true))', t);
    EXECUTE format('CREATE POLICY citebots_tenant_isolation ON %I AS RESTRICTIVE FOR ALL TO authenticated USING (citebots_has_client_access(client_id)) WITH CHECK (citebots_has_client_access(client_id))', t);
  END LOOP;

  -- Tables keyed by analysis_run_id.
  FOREACH t IN ARRAY ARRAY['analysis_queue', 'analysis_queries'] LOOP
    EXECUTE format('CREATE POLICY citebots_select ON %I FOR SELECT TO authenticated USING (citebots_has_run_access(analysis_run_id))', t);
    EXECUTE format('CREATE POLICY citebots_insert ON %I FOR INSERT TO authenticated WITH CHECK (citebots_has_run_access(analysis_run_id, true))', t);
    EXECUTE format('CREATE POLICY citebots_update ON %I FOR UPDATE TO authenticated USING (citebots_has_run_access(analysis_run_id, true)) WITH CHECK (citebots_has_run_access(analysis_run_id, true))', t);
    EXECUTE format('CREATE POLICY citebots_delete ON %I FOR DELETE TO authenticated USING (citebots_has_run_access(analysis_run_id, true))', t);
    EXECUTE format('CREATE POLICY citebots_tenant_isolation ON %I AS RESTRICTIVE FOR ALL TO authenticated USING (citebots_has_run_access(analysis_run_id)) WITH CHECK (citebots_has_run_access(analysis_run_id))', t);
  END LOOP;

  -- page_analyses hang off an answer (query_id -> analysis_queries.id).
  CREATE POLICY citebots_select ON page_analyses FOR SELECT TO authenticated
    USING (citebots_has_query_access(query_id));
  CREATE POLICY citebots_insert ON page_analyses FOR INSERT TO authenticated
    WITH CHECK (citebots_has_query_access(query_id, true));
  CREATE POLICY citebots_update ON page_analyses FOR UPDATE TO authenticated
    USING (citebots_has_query_access(query_id, true)) WITH CHECK (citebots_has_query_access(query_id, true));
  CREATE POLICY citebots_delete ON page_analyses FOR DELETE TO authenticated
    USING (citebots_has_query_access(query_id, true));
  CREATE POLICY citebots_tenant_isolation ON page_analyses AS RESTRICTIVE FOR ALL TO authenticated
    USING (citebots_has_query_access(query_id)) WITH CHECK (citebots_has_query_access(query_id));

  -- client_access: see your own grants and, as an owner, those of your clients; owners manage them.
  CREATE POLICY citebots_select ON client_access FOR SELECT TO authenticated
    USING (user_id = (SELECT auth.uid()) OR citebots_is_client_owner(client_id));
  CREATE POLICY citebots_insert ON client_access FOR INSERT TO authenticated
    WITH CHECK (citebots_is_client_owner(client_id));
  CREATE POLICY citebots_update ON client_access FOR UPDATE TO authenticated
    USING (citebots_is_client_owner(client_id)) WITH CHECK (citebots_is_client_owner(client_id));
  CREATE POLICY citebots_delete ON client_access FOR DELETE TO authenticated
    USING (citebots_is_client_owner(client_id));
END
$policies$;
