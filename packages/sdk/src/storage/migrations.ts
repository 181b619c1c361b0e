import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

export interface Migration {
  version: number;
  name: string;
  up: string;
  /** The rollback script, when one ships (`NNNN_name.down.sql`). */
  down: string | null;
}

/** The `migrations/` folder of the SDK package, found from this module both in `src/` and in `dist/`. */
export function migrationsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'migrations');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('citebots: the SDK migrations folder is missing from the installed package');
}

let cached: Migration[] | null = null;

/** Every migration shipped with the SDK, in version order. */
export function listMigrations(): Migration[] {
  if (cached) return cached;
  const dir = migrationsDir();
  const files = readdirSync(dir);
  cached = files
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f) && !f.endsWith('.down.sql'))
    .sort()
    .map((file) => {
      const base = file.replace(/\.sql$/, '');
      const downFile = `${base}.down.sql`;
      return {
        version: Number.parseInt(base.slice(0, 4), 10),
        name: base.slice(5),
        up: readFileSync(join(dir, file), 'utf8'),
        down: files.includes(downFile) ? readFileSync(join(dir, downFile), 'utf8') : null,
      };
    });
  return cached;
}

/** The pg_advisory_xact_lock key every Citebots migrator takes (migrate(), the `db sql` scripts, rollbacks). */
export const MIGRATION_LOCK_KEY = 4_242_001;

/**
 * Applies the migrations the database lacks, one transaction each, under a transaction-scoped
 * advisory lock so that two processes starting at once never apply the same one twice.
 * Returns the versions applied.
 */
export async function migrate(db: Database): Promise<number[]> {
  // Fast path (every CLI command opens the database): one read says whether anything is missing.
  // Nothing is written and no lock is taken when the schema is current.
  if (await isUpToDate(db)) return [];
  // Under the lock too: two CREATE TABLE IF NOT EXISTS racing on a fresh database collide in pg_type.
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(`CREATE TABLE IF NOT EXISTS citebots_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  const applied: number[] = [];
  for (const m of listMigrations()) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const rows = await tx.query('SELECT 1 FROM citebots_migrations WHERE version = $1', [m.version]);
      if (rows.length > 0) return false;
      for (const statement of splitSql(m.up)) await tx.query(statement);
      await tx.query('INSERT INTO citebots_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}

/** True when every migration shipped with the SDK is recorded as applied. */
async function isUpToDate(db: Database): Promise<boolean> {
  const shipped = listMigrations();
  const exists = await db.query<{ t: string | null }>(`SELECT to_regclass('citebots_migrations')::text AS t`);
  if (!exists[0]?.t) return false;
  const rows = await db.query<{ version: number }>('SELECT version FROM citebots_migrations');
  const done = new Set(rows.map((r) => Number(r.version)));
  return shipped.every((m) => done.has(m.version));
}

/** Versions recorded as applied. */
export async function appliedMigrations(
  db: Database,
): Promise<{ version: number; name: string; appliedAt: Date }[]> {
  const exists = await db.query<{ t: string | null }>(`SELECT to_regclass('citebots_migrations')::text AS t`);
  if (!exists[0]?.t) return [];
  const rows = await db.query<{ version: number; name: string; applied_at: Date }>(
    'SELECT version, name, applied_at FROM citebots_migrations ORDER BY version',
  );
  return rows.map((r) => ({ version: Number(r.version), name: r.name, appliedAt: r.applied_at }));
}

/**
 * Splits a migration script into statements at top-level semicolons, keeping `$$ ... $$` bodies,
 * quoted strings and comments whole (so one transaction can run them through any driver).
 */
export function splitSql(script: string): string[] {
  const out: string[] = [];
  let current = '';
  let i = 0;
  while (i < script.length) {
    const ch = script[i]!;
    const rest = script.slice(i);
    if (rest.startsWith('--')) {
      const end = script.indexOf('\n', i);
      i = end === -1 ? script.length : end + 1;
      current += '\n';
      continue;
    }
    if (rest.startsWith('/*')) {
      const end = script.indexOf('*/', i + 2);
      i = end === -1 ? script.length : end + 2;
      continue;
    }
    const dollar = /^\$[A-Za-z_]*\$/.exec(rest);
    if (dollar) {
      const tag = dollar[0];
      const end = script.indexOf(tag, i + tag.length);
      const stop = end === -1 ? script.length : end + tag.length;
      current += script.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < script.length) {
        if (script[j] === ch) {
          if (script[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      current += script.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === ';') {
      if (current.trim()) out.push(current.trim());
      current = '';
      i++;
      continue;
    }
    current += ch;
    i++;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
