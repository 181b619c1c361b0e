import type { Queryable } from '../../../src/index.js';

/**
 * Everything a migration can change, in a form two databases can be compared by: columns (by name,
 * not position: a column dropped and added again moves to the end), indexes, constraints,
 * functions, triggers, policies and row-level-security flags of the current schema.
 */
export async function schemaSnapshot(db: Queryable): Promise<Record<string, unknown[]>> {
  return {
    columns: await db.query(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
         FROM information_schema.columns WHERE table_schema = current_schema()
        ORDER BY table_name, column_name`,
    ),
    indexes: await db.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = current_schema() ORDER BY tablename, indexname`,
    ),
    constraints: await db.query(
      `SELECT conrelid::regclass::text AS table, conname, pg_get_constraintdef(oid) AS def
         FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
        ORDER BY 1, 2`,
    ),
    functions: await db.query(
      `SELECT proname, pg_get_function_identity_arguments(oid) AS args, prosecdef, md5(prosrc) AS body
         FROM pg_proc WHERE pronamespace = current_schema()::regnamespace ORDER BY 1, 2`,
    ),
    triggers: await db.query(
      `SELECT tgrelid::regclass::text AS table, tgname, tgenabled, pg_get_triggerdef(oid) AS def
         FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2`,
    ),
    policies: await db.query(
      `SELECT tablename, policyname, permissive, roles::text, cmd, qual, with_check
         FROM pg_policies WHERE schemaname = current_schema() ORDER BY 1, 2`,
    ),
    rowSecurity: await db.query(
      `SELECT relname, relrowsecurity FROM pg_class
        WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r' ORDER BY 1`,
    ),
  };
}
