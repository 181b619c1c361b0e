export type { Database, Queryable, Row } from './database.js';
export { acquireEmbeddedLock } from './embedded-lock.js';
export {
  appliedMigrations,
  listMigrations,
  type Migration,
  migrate,
  migrationsDir,
  splitSql,
} from './migrations.js';
export { DEFAULT_DATA_DIR, type OpenDatabaseOptions, openDatabase } from './open-database.js';
