import type { Database, RunSummary } from '@citebots/sdk';
import { UserError } from '../cli-errors.js';
import { resolveRun as resolveRunId } from '../services/resolve-run.js';

/**
 * A run by id, unique prefix (8+ characters) or `latest`, as every command accepts them; the
 * error names which argument was wrong (RUN_A, RUN_B) and keeps the exit code (8: not found).
 */
export async function resolveRun(db: Database, ref: string, argName = 'RUN'): Promise<RunSummary> {
  try {
    return await resolveRunId(db, ref === 'latest' ? undefined : ref);
  } catch (error) {
    if (error instanceof UserError)
      throw new UserError(`${argName}: ${error.message}`, error.exitCode, error.code);
    throw error;
  }
}
