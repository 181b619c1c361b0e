-- Rollback of 0006_row_level_security: drops the Citebots policies and helper functions,
-- disables row-level security on the tables 0006 enabled it on (and only those: a table that
-- already had RLS before 0006 keeps it), and drops client_access. DESTRUCTIVE for the access
-- grants stored in client_access (users keep access to the clients they created through
-- clients.created_by only while 0006 is applied; after the rollback there is no isolation
-- beyond what the old system had). Take a backup of client_access first if you need it.

DO $policies$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['clients', 'competitors', 'analysis_runs', 'analysis_queue',
    'analysis_queries', 'page_analyses', 'client_access']
  LOOP
    IF to_regclass(t) IS NOT NULL THEN
      EXECUTE format('DROP POLICY IF EXISTS citebots_select ON %I', t);
      EXECUTE format('DROP POLICY IF EXISTS citebots_insert ON %I', t);
      EXECUTE format('DROP POLICY IF EXISTS citebots_update ON %I', t);
      EXECUTE format('DROP POLICY IF EXISTS citebots_delete ON %I', t);
      EXECUTE format('DROP POLICY IF EXISTS citebots_tenant_isolation ON %I', t);
    END IF;
  END LOOP;
END
$policies$;

DROP FUNCTION IF EXISTS citebots_has_query_access(uuid, boolean);
DROP FUNCTION IF EXISTS citebots_has_run_access(uuid, boolean);
DROP FUNCTION IF EXISTS citebots_is_client_owner(uuid);
DROP FUNCTION IF EXISTS citebots_has_client_access(uuid, boolean);

DO $disable$
DECLARE
  t text;
  enabled text[];
BEGIN
  IF to_regclass('citebots_rls_state') IS NULL THEN
    RETURN;
  END IF;
  SELECT coalesce(array_agg(table_name), '{}') INTO enabled FROM citebots_rls_state;
  FOREACH t IN ARRAY enabled LOOP
    IF to_regclass(t) IS NOT NULL THEN
      EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', t);
    END IF;
  END LOOP;
END
$disable$;

DROP TABLE IF EXISTS citebots_rls_state;
DROP TABLE IF EXISTS client_access;
DROP INDEX IF EXISTS clients_created_by_idx;
