import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Database, Queryable, Row } from './database.js';

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<T = Row>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<T>(sql, params as unknown[]);
      return result.rows;
    },
  };
}

/** The embedded database: PGlite, in memory or file-backed. */
export class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  readonly #db: PGlite;
  readonly #onClose: () => void;
  readonly #queryable: Queryable;

  constructor(db: PGlite, onClose: () => void = () => {}) {
    this.#db = db;
    this.#onClose = onClose;
    this.#queryable = wrap(db);
  }

  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.#queryable.query<T>(sql, params);
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.#db.transaction((tx) => fn(wrap(tx)));
  }

  async exec(sql: string): Promise<void> {
    await this.#db.exec(sql);
  }

  async close(): Promise<void> {
    try {
      if (!this.#db.closed) await this.#db.close();
    } finally {
      this.#onClose();
    }
  }
}
