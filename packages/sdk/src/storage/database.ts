export type Row = Record<string, unknown>;

/** Anything that runs one parameterised SQL statement ($1, $2 ... placeholders). */
export interface Queryable {
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/**
 * The one storage interface: embedded PGlite or a real Postgres/Supabase through postgres.js.
 * Statements are never prepared and no session state is set, so it works behind a
 * transaction-mode pooler (Supabase port 6543, PgBouncer).
 */
export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}
