import { resolve } from 'node:path';
import { InputError } from '../errors/input-error.js';
import { redactSecrets, registerSecret } from '../errors/redact.js';
import { DatabaseError } from '../errors/storage-errors.js';
import type { Database } from './database.js';
import { acquireEmbeddedLock } from './embedded-lock.js';
import { migrate } from './migrations.js';
import { usePreparedStatements, withoutPoolerFlag } from './prepared-statements.js';

export interface OpenDatabaseOptions {
  /** `postgres://...` for PostgreSQL or Supabase. Defaults to `DATABASE_URL`; without it the embedded database is used. */
  url?: string | null;
  /** The embedded database's folder, or `memory://` for a throwaway one. Defaults to `CITEBOTS_DATA_DIR` or `.citebots/db`. */
  dataDir?: string | null;
  /** Shown in `pg_stat_activity` (so an operator can find and terminate a worker's connections). */
  applicationName?: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /**
   * Named prepared statements (postgres only). Default: on for a direct connection, off behind a
   * transaction pooler (port 6543 or 6432, or `?pgbouncer=true`); `CITEBOTS_DB_PREPARE` overrides.
   */
  prepare?: boolean;
  /** Connections in the pool (postgres only; default 10). */
  maxConnections?: number;
  /**
   * The embedded database's buffer cache (PostgreSQL `shared_buffers`, e.g. `'16MB'`); ignored for
   * PostgreSQL. Default: the data folder's own setting (128MB). Starting costs time in proportion
   * to it, so a short-lived process (a CLI command) opens faster with a small one.
   */
  sharedBuffers?: string;
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
  const prepare = usePreparedStatements(url, options.prepare, options.env ?? process.env);
  const sql = postgres(withoutPoolerFlag(url), {
    prepare,
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
  const db = new PostgresDatabase(sql, { prepare });
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

const MEMORY_SIZE = /^[1-9][0-9]*(kB|MB|GB)$/;

function checkSharedBuffers(value: string | undefined): void {
  if (value === undefined || MEMORY_SIZE.test(value)) return;
  throw new InputError('openDatabase options', [
    {
      field: 'sharedBuffers',
      value,
      problem: 'is not a PostgreSQL memory size',
      fix: "write a whole number followed by kB, MB or GB, e.g. '16MB' (or leave it out for the default)",
    },
  ]);
}

async function openPglite(dataDir: string, options: OpenDatabaseOptions): Promise<Database> {
  checkSharedBuffers(options.sharedBuffers);
  const { PGlite } = await import('@electric-sql/pglite');
  const { PgliteDatabase } = await import('./pglite-database.js');
  const memory = dataDir === 'memory://' || dataDir === ':memory:';
  const path = memory ? undefined : resolve(dataDir);
  const release = path ? acquireEmbeddedLock(path) : () => {};
  try {
    const pg = await PGlite.create(path ?? 'memory://', {
      parsers: { [NUMERIC_OIDS.numeric]: Number, [NUMERIC_OIDS.int8]: Number },
      ...(options.sharedBuffers
        ? { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffers}`] }
        : {}),
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
      : await openPglite(options.dataDir ?? env.CITEBOTS_DATA_DIR ?? DEFAULT_DATA_DIR, options);
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
