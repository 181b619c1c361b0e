import type postgres from 'postgres';
import type { Database, Queryable, Row } from './database.js';

type Sql = postgres.Sql | postgres.TransactionSql;

function wrap(sql: Sql): Queryable {
  return {
    async query<T = Row>(text: string, params: readonly unknown[] = []) {
      const rows = await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: false });
      return rows as unknown as T[];
    },
  };
}

/** A real PostgreSQL or Supabase database through postgres.js, safe behind a transaction pooler. */
export class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  readonly #sql: postgres.Sql;
  readonly #queryable: Queryable;

  constructor(sql: postgres.Sql) {
    this.#sql = sql;
    this.#queryable = wrap(sql);
  }

  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]> {
    return this.#queryable.query<T>(text, params);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return (await this.#sql.begin((tx) => fn(wrap(tx)))) as T;
  }

  async exec(text: string): Promise<void> {
    await this.#sql.unsafe(text);
  }

  async close(): Promise<void> {
    await this.#sql.end({ timeout: 5 });
  }
}
