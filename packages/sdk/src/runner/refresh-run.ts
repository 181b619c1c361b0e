import type { Queryable } from '../storage/database.js';
import type { RunStatus } from './types.js';

export interface RunRefresh {
  /** False when the run does not exist, or (with `wait: false`) another caller was refreshing it. */
  refreshed: boolean;
  status: RunStatus | null;
  /** The new status when this refresh closed the run (`completed` or `failed`), else null. */
  closed: 'completed' | 'failed' | null;
  /** The reason when this refresh paused the run (its cost cap was reached), else null. */
  paused: string | null;
}

/**
 * Recounts a run's counters and cost from its items and moves its status (queued -> running,
 * -> completed/failed when nothing is left pending or processing, -> paused at its cost cap), in one
 * statement (`citebots_refresh_run`, migration 0008). The counters are never incremented, so they
 * cannot drift; between refreshes they may lag the items while the run is active. With
 * `wait: false` it gives up at once when another caller holds the run row (that caller's count is
 * at least as fresh).
 */
export async function refreshRun(
  db: Queryable,
  runId: string,
  options: { wait?: boolean } = {},
): Promise<RunRefresh> {
  const rows = await db.query<{
    refreshed: boolean;
    old_status: string | null;
    new_status: string | null;
    paused_reason: string | null;
  }>('SELECT * FROM citebots_refresh_run($1::uuid, $2)', [runId, options.wait ?? true]);
  const row = rows[0];
  if (!row?.refreshed) return { refreshed: false, status: null, closed: null, paused: null };
  const wasOpen = row.old_status === 'queued' || row.old_status === 'running';
  const closed = row.new_status === 'completed' || row.new_status === 'failed' ? row.new_status : null;
  return {
    refreshed: true,
    status: row.new_status as RunStatus,
    closed: wasOpen ? closed : null,
    paused: wasOpen && row.new_status === 'paused' ? row.paused_reason : null,
  };
}

/** Open runs with nothing left pending or processing: their last worker stopped before closing them. */
export async function runsToClose(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ id: string }>('SELECT citebots_runs_to_close() AS id');
  return rows.map((r) => r.id);
}
