import type postgres from 'postgres';
import type { Database, Queryable, Row } from './database.js';

type Sql = postgres.Sql | postgres.TransactionSql;

function wrap(sql: Sql, prepare: boolean): Queryable {
  return {
    async query<T = Row>(text: string, params: readonly unknown[] = []) {
      const rows = await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare });
      return rows as unknown as T[];
    },
  };
}

/**
 * A real PostgreSQL or Supabase database through postgres.js. With `prepare: false` (what
 * `openDatabase` picks behind a transaction pooler) every statement is unnamed, so it is safe there.
 */
export class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  readonly #sql: postgres.Sql;
  readonly #queryable: Queryable;
  readonly #prepare: boolean;

  constructor(sql: postgres.Sql, options: { prepare?: boolean } = {}) {
    this.#sql = sql;
    this.#prepare = options.prepare ?? false;
    this.#queryable = wrap(sql, this.#prepare);
  }

  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]> {
    return this.#queryable.query<T>(text, params);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return (await this.#sql.begin((tx) => fn(wrap(tx, this.#prepare)))) as T;
  }

  async exec(text: string): Promise<void> {
    await this.#sql.unsafe(text);
  }

  async close(): Promise<void> {
    await this.#sql.end({ timeout: 5 });
  }
}
