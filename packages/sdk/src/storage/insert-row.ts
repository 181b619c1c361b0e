import type { Queryable } from './database.js';

type ColumnTypes = Map<string, string>;
const cache = new WeakMap<Queryable, Map<string, ColumnTypes>>();

async function columnTypes(
  db: Queryable,
  table: string,
  refresh = false,
  cacheKey: Queryable = db,
): Promise<ColumnTypes> {
  let tables = cache.get(cacheKey);
  if (!tables) {
    tables = new Map();
    cache.set(cacheKey, tables);
  }
  const known = tables.get(table);
  if (known && !refresh) return known;
  const rows = await db.query<{ column_name: string; udt_name: string }>(
    `SELECT column_name, udt_name FROM information_schema.columns
      WHERE table_name = $1 AND table_schema = current_schema()`,
    [table],
  );
  const types: ColumnTypes = new Map(
    rows.map((r) => [r.column_name, r.udt_name.startsWith('_') ? `${r.udt_name.slice(1)}[]` : r.udt_name]),
  );
  tables.set(table, types);
  return types;
}

function prepare(value: unknown, type: string): unknown {
  if (value === undefined || value === null) return null;
  if ((type === 'jsonb' || type === 'json') && typeof value !== 'string') return JSON.stringify(value);
  return value;
}

/**
 * Inserts one row, casting each parameter to its column's type (read once from the catalog), so
 * callers pass plain values: objects for jsonb, arrays for array columns. Returns the new row's id.
 */
export async function insertRow(
  db: Queryable,
  table: string,
  values: Record<string, unknown>,
  /** Cache the column types under this long-lived handle instead of `db` (a transaction is new each time). */
  options: { cacheKey?: Queryable } = {},
): Promise<string> {
  const names = Object.keys(values);
  const key = options.cacheKey ?? db;
  let types = await columnTypes(db, table, false, key);
  if (names.some((n) => !types.has(n))) types = await columnTypes(db, table, true, key);
  const unknown = names.filter((n) => !types.has(n));
  if (unknown.length > 0) throw new Error(`insertRow: ${table} has no column ${unknown.join(', ')}`);
  const params = names.map((n) => prepare(values[n], types.get(n)!));
  const placeholders = names.map((n, i) => `$${i + 1}::${types.get(n)}`);
  const rows = await db.query<{ id: string }>(
    `INSERT INTO ${table} (${names.join(', ')}) VALUES (${placeholders.join(', ')}) RETURNING id`,
    params,
  );
  return rows[0]!.id;
}
