export type { Database, Queryable, Row } from './database.js';
export { acquireEmbeddedLock } from './embedded-lock.js';
export { insertRow } from './insert-row.js';
export {
  type MigrationScriptOptions,
  MissingRollbackError,
  migrationScript,
  type RollbackScriptOptions,
  rollbackMigrations,
  rollbackScript,
} from './migration-script.js';
export { type AppliedMigration, type MigrationStatus, migrationStatus } from './migration-status.js';
export {
  appliedMigrations,
  listMigrations,
  MIGRATION_LOCK_KEY,
  type Migration,
  migrate,
  migrationsDir,
  splitSql,
} from './migrations.js';
export { DEFAULT_DATA_DIR, type OpenDatabaseOptions, openDatabase } from './open-database.js';
