import type { Queryable } from '../storage/database.js';
import { type RunRefresh, refreshRun, runsToClose } from './refresh-run.js';

export interface RunRefresherOptions {
  /** At most one background refresh per run per interval. */
  intervalMs: number;
  onClosed: (runId: string, status: 'completed' | 'failed') => void;
  onPaused: (runId: string, reason: string) => void;
}

interface RunState {
  dirty: boolean;
  lastAt: number;
  running: Promise<void> | null;
}

/**
 * A worker's bookkeeping of the runs it changes: their rows on analysis_runs are recounted
 * (`refreshRun`) in the background at most once per interval while items complete, at once on
 * `flush` (the worker ran out of work) and `stop`; runs closed or paused by a refresh are reported.
 * Background refreshes never wait for the run row: when another worker holds it, that worker's
 * count is at least as fresh, and this run stays marked for the next flush.
 */
export class RunRefresher {
  readonly #db: Queryable;
  readonly #options: RunRefresherOptions;
  readonly #runs = new Map<string, RunState>();

  constructor(db: Queryable, options: RunRefresherOptions) {
    this.#db = db;
    this.#options = options;
  }

  /** Something of run `runId` changed (an item completed, failed or was put back). */
  changed(runId: string): void {
    const state = this.#runs.get(runId) ?? { dirty: false, lastAt: 0, running: null };
    this.#runs.set(runId, state);
    state.dirty = true;
    if (!state.running && Date.now() - state.lastAt >= this.#options.intervalMs) {
      state.running = this.#refresh(runId, state, false).finally(() => {
        state.running = null;
      });
    }
  }

  /** Refreshes every changed run now, waiting for each run row; forgets the runs left up to date. */
  async flush(): Promise<void> {
    for (const [runId, state] of this.#runs) {
      if (state.running) await state.running.catch(() => {});
      if (state.dirty) await this.#refresh(runId, state, true);
      if (!state.dirty && !state.running) this.#runs.delete(runId);
    }
  }

  /** Closes open runs whose items are all done but whose last worker stopped before closing them. */
  async closeAbandoned(): Promise<void> {
    for (const runId of await runsToClose(this.#db)) this.#report(runId, await refreshRun(this.#db, runId));
  }

  /** The final flush; forgets every run. */
  async stop(): Promise<void> {
    try {
      await this.flush();
    } finally {
      this.#runs.clear();
    }
  }

  async #refresh(runId: string, state: RunState, wait: boolean): Promise<void> {
    state.dirty = false;
    state.lastAt = Date.now();
    let outcome: RunRefresh;
    try {
      outcome = await refreshRun(this.#db, runId, { wait });
    } catch (error) {
      state.dirty = true;
      if (wait) throw error;
      return;
    }
    if (!outcome.refreshed) state.dirty = true;
    this.#report(runId, outcome);
  }

  #report(runId: string, outcome: RunRefresh): void {
    if (outcome.closed) this.#options.onClosed(runId, outcome.closed);
    if (outcome.paused) this.#options.onPaused(runId, outcome.paused);
  }
}
