import type { Database } from './database.js';
import { appliedMigrations, listMigrations, type Migration } from './migrations.js';

export interface AppliedMigration {
  version: number;
  name: string;
  appliedAt: Date;
}

export interface MigrationStatus {
  /** Recorded in citebots_migrations and shipped with this SDK. */
  applied: AppliedMigration[];
  /** Shipped with this SDK, not applied yet. */
  pending: { version: number; name: string; hasRollback: boolean }[];
  /** Recorded in the database but unknown to this SDK (applied by a newer version). */
  unknown: AppliedMigration[];
  /** Highest version applied (0 when none). */
  current: number;
  /** Highest version this SDK ships. */
  latest: number;
  upToDate: boolean;
  /** Things in the database that can make Citebots misbehave (e.g. an old counter trigger). */
  warnings: string[];
}

/**
 * Triggers on the queue and run tables that Citebots did not create. On a database migrated from
 * the old system, its own counter trigger would write the run's row on every item change (workers
 * queue on it) and count each change a second time until Citebots next recounts the run.
 */
async function foreignTriggers(
  db: Database,
): Promise<{ table: string; trigger: string; enabled: boolean }[]> {
  return db.query<{ table: string; trigger: string; enabled: boolean }>(
    `SELECT c.relname AS table, t.tgname AS trigger, t.tgenabled <> 'D' AS enabled
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE NOT t.tgisinternal
        AND c.oid IN (SELECT to_regclass(x) FROM unnest(ARRAY['analysis_queue', 'analysis_runs']) AS x)
        AND t.tgname NOT LIKE 'citebots\\_%'
      ORDER BY c.relname, t.tgname`,
  );
}

/** Applied and pending migrations of a database, and warnings about what may disturb Citebots. */
export async function migrationStatus(
  db: Database,
  migrations: readonly Migration[] = listMigrations(),
): Promise<MigrationStatus> {
  const recorded = await appliedMigrations(db);
  const shipped = new Set(migrations.map((m) => m.version));
  const done = new Set(recorded.map((r) => r.version));
  const applied = recorded.filter((r) => shipped.has(r.version));
  const unknown = recorded.filter((r) => !shipped.has(r.version));
  const pending = migrations
    .filter((m) => !done.has(m.version))
    .map((m) => ({ version: m.version, name: m.name, hasRollback: m.down !== null }));
  const warnings = (await foreignTriggers(db))
    .filter((t) => t.enabled)
    .map(
      (t) =>
        `Trigger ${t.trigger} on ${t.table} was not created by Citebots. If it updates the run counters ` +
        `(queries_total, queries_completed, ...), it writes the run's row on every item change: workers wait ` +
        `on that row, and until Citebots next recounts the run its changes show twice. Disable it with ` +
        `ALTER TABLE ${t.table} DISABLE TRIGGER ${t.trigger}; (undo: ENABLE TRIGGER).`,
    );
  if (unknown.length > 0) {
    warnings.push(
      `The database records migrations this version of Citebots does not know (${unknown
        .map((u) => u.version)
        .join(', ')}): it was migrated by a newer version. Upgrade @citebots/sdk before running workers.`,
    );
  }
  const current = recorded.reduce((max, r) => Math.max(max, r.version), 0);
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  return { applied, pending, unknown, current, latest, upToDate: pending.length === 0, warnings };
}
