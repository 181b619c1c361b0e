import type { Queryable } from '../storage/database.js';
import { refreshRun } from './refresh-run.js';

/**
 * Recounts a run inside the caller's transaction and closes it when all its items are terminal
 * (see `refreshRun`). Returns the new status when this call closed it, or null.
 */
export async function finishRunIfDone(tx: Queryable, runId: string): Promise<string | null> {
  return (await refreshRun(tx, runId)).closed;
}
