import { CitebotsError } from './citebots-error.js';

/** The embedded database directory is open in another process. */
export class EmbeddedDatabaseLockedError extends CitebotsError {
  constructor(dataDir: string, pid: number) {
    super(
      'embedded_database_locked',
      `The embedded database at ${dataDir} is open in another process (pid ${pid}). ` +
        'The embedded database serves one process at a time. Fix: wait for that process to finish, ' +
        'or, to run several workers at once, point every process at a PostgreSQL or Supabase database ' +
        'with DATABASE_URL=postgres://...',
      { details: { dataDir, pid } },
    );
  }
}

/** The database could not be reached or answered with an error the caller cannot fix by retrying. */
export class DatabaseError extends CitebotsError {
  constructor(message: string, options: { cause?: unknown; isRetryable?: boolean } = {}) {
    super('database_error', message, options);
  }
}
