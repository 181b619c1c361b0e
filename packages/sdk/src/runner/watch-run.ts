import type { Queryable } from '../storage/database.js';
import { abortableSleep } from './abortable-sleep.js';
import { getRun } from './run-summary.js';
import type { RunStatus, RunSummary } from './types.js';

const TERMINAL: ReadonlySet<RunStatus> = new Set(['completed', 'failed', 'cancelled']);

export interface WatchRunOptions {
  /** How often to read the run (default 1,000 ms). Polling works through any pooler. */
  intervalMs?: number;
  /** Stop at once when this aborts. */
  signal?: AbortSignal;
  /** Also end when the run is paused (default false: a paused run can be resumed). */
  untilPaused?: boolean;
  /** Yield every poll, not only when something changed (default false). */
  everyPoll?: boolean;
}

function fingerprint(run: RunSummary): string {
  return JSON.stringify([run.status, run.counts, run.costUsd, run.pausedReason]);
}

/**
 * Progress of a run for library users: yields a RunSummary at once, then whenever its status,
 * counters or cost change, until the run is completed, failed or cancelled (the last snapshot is
 * the terminal one). Throws when there is no such run.
 */
export async function* watchRun(
  db: Queryable,
  runId: string,
  options: WatchRunOptions = {},
): AsyncGenerator<RunSummary, void, undefined> {
  const intervalMs = options.intervalMs ?? 1_000;
  let last: string | null = null;
  for (;;) {
    if (options.signal?.aborted) return;
    const run = await getRun(db, runId);
    if (!run) throw new Error(`watchRun: there is no run ${runId}`);
    const print = fingerprint(run);
    if (options.everyPoll || print !== last) {
      last = print;
      yield run;
    }
    if (TERMINAL.has(run.status) || (options.untilPaused && run.status === 'paused')) return;
    await abortableSleep(intervalMs, options.signal);
  }
}
