import { resolve } from 'node:path';
import { redactSecrets, registerSecret } from '../errors/redact.js';
import { DatabaseError } from '../errors/storage-errors.js';
import type { Database } from './database.js';
import { acquireEmbeddedLock } from './embedded-lock.js';
import { migrate } from './migrations.js';

export interface OpenDatabaseOptions {
  /** `postgres://...` for PostgreSQL or Supabase. Defaults to `DATABASE_URL`; without it the embedded database is used. */
  url?: string | null;
  /** The embedded database's folder, or `memory://` for a throwaway one. Defaults to `CITEBOTS_DATA_DIR` or `.citebots/db`. */
  dataDir?: string | null;
  /** Shown in `pg_stat_activity` (so an operator can find and terminate a worker's connections). */
  applicationName?: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /** Connections in the pool (postgres only; default 10). */
  maxConnections?: number;
  env?: Record<string, string | undefined>;
}

export const DEFAULT_DATA_DIR = '.citebots/db';

/** Values come back as JS numbers for numeric and bigint columns on both drivers. */
const NUMERIC_OIDS = { numeric: 1700, int8: 20 } as const;

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the configured DATABASE_URL';
  }
}

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { PostgresDatabase } = await import('./postgres-database.js');
  try {
    registerSecret(decodeURIComponent(new URL(url).password));
  } catch {
    /* not a URL: postgres.js will say so */
  }
  const sql = postgres(url, {
    prepare: false,
    max: options.maxConnections ?? 10,
    idle_timeout: 30,
    connect_timeout: 10,
    onnotice: () => {},
    connection: { application_name: options.applicationName ?? 'citebots' },
    types: {
      numeric: { to: NUMERIC_OIDS.numeric, from: [NUMERIC_OIDS.numeric], serialize: String, parse: Number },
      bigint: { to: NUMERIC_OIDS.int8, from: [NUMERIC_OIDS.int8], serialize: String, parse: Number },
      json: {
        to: 3802,
        from: [114, 3802],
        serialize: (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value)),
        parse: (text: string) => JSON.parse(text),
      },
    },
  });
  const db = new PostgresDatabase(sql);
  try {
    await db.query('SELECT 1');
  } catch (error) {
    await sql.end({ timeout: 1 }).catch(() => {});
    throw new DatabaseError(
      `Cannot reach the database at ${describeUrl(url)}: ${redactSecrets((error as Error).message)}. ` +
        'Fix: check that the server is running and that DATABASE_URL (host, port, user, password, database) is right.',
      { cause: error, isRetryable: true },
    );
  }
  return db;
}

async function openPglite(dataDir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PgliteDatabase } = await import('./pglite-database.js');
  const memory = dataDir === 'memory://' || dataDir === ':memory:';
  const path = memory ? undefined : resolve(dataDir);
  const release = path ? acquireEmbeddedLock(path) : () => {};
  try {
    const pg = await PGlite.create(path ?? 'memory://', {
      parsers: { [NUMERIC_OIDS.numeric]: Number, [NUMERIC_OIDS.int8]: Number },
    });
    return new PgliteDatabase(pg, release);
  } catch (error) {
    release();
    throw new DatabaseError(
      `Cannot open the embedded database at ${path}: ${(error as Error).message}. ` +
        'Fix: remove the folder if it is damaged, or choose another with CITEBOTS_DATA_DIR.',
      { cause: error },
    );
  }
}

/** Opens the configured database and (by default) brings its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const env = options.env ?? process.env;
  const url = options.url ?? env.DATABASE_URL ?? null;
  const db =
    url && /^postgres(ql)?:\/\//.test(url)
      ? await openPostgres(url, options)
      : await openPglite(options.dataDir ?? env.CITEBOTS_DATA_DIR ?? DEFAULT_DATA_DIR);
  if (options.migrate !== false) {
    try {
      await migrate(db);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return db;
}
