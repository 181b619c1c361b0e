import type { RunnerEvent, RunSummary } from '@citebots/sdk';
import { createLiveProgressReporter } from './progress-renderer.js';

/**
 * What `citebots analyze` tells people while a run executes. Always written to stderr, so that
 * `--json` output on stdout stays clean. A richer renderer (a live table) can replace the default
 * by implementing this interface and being returned from `createProgressReporter`.
 */
export interface ProgressReporter {
  /** The run is about to execute in this process. */
  start(run: RunSummary): void;
  /** A runner event (item started, completed, retried, failed; platform stopped; run paused/finished). */
  event(event: RunnerEvent): void;
  /** The in-process execution ended (finished, paused, or interrupted). */
  finish(run: RunSummary): void;
}

export interface ProgressReporterOptions {
  /** Writes one line for people (stderr). */
  write: (line: string) => void;
  /** Query texts by query id, to name the question in progress lines. */
  queryTexts?: Map<string, string>;
}

function shorten(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** The default reporter: one line per finished item with a running count, one per retry or failure. */
export class LineProgressReporter implements ProgressReporter {
  #total = 0;
  #done = 0;
  readonly #options: ProgressReporterOptions;

  constructor(options: ProgressReporterOptions) {
    this.#options = options;
  }

  #name(queryId: string): string {
    const text = this.#options.queryTexts?.get(queryId);
    return text ? `"${shorten(text)}"` : queryId;
  }

  start(run: RunSummary): void {
    this.#total = run.counts.total - run.counts.cancelled;
    this.#done = run.counts.completed + run.counts.failed;
    const left = this.#total - this.#done;
    this.#options.write(
      `Running ${left} of ${this.#total} items of run ${run.id} on ${run.platforms.join(', ')} (Ctrl-C stops and keeps the finished ones).`,
    );
  }

  event(e: RunnerEvent): void {
    const w = this.#options.write;
    switch (e.type) {
      case 'item-completed':
        this.#done++;
        w(
          `[${this.#done}/${this.#total}] ok     ${e.platform} ${this.#name(e.queryId)} ($${e.costUsd.toFixed(4)})`,
        );
        return;
      case 'item-failed':
        this.#done++;
        w(`[${this.#done}/${this.#total}] failed ${e.platform} ${this.#name(e.queryId)}: ${e.error}`);
        return;
      case 'item-retry':
        w(
          `retry  ${e.platform} ${this.#name(e.queryId)} in ${(e.delayMs / 1000).toFixed(1)} s (attempt ${e.attempt}): ${e.error}`,
        );
        return;
      case 'platform-stopped':
        w(`stopped ${e.platform}: ${e.reason}`);
        return;
      case 'run-paused':
        w(`paused run ${e.runId}: ${e.reason}`);
        return;
      case 'item-started':
      case 'run-finished':
        return;
    }
  }

  finish(_run: RunSummary): void {}
}

/** The reporter `analyze` uses: live bars when stderr is a terminal, one line per item otherwise. */
export function createProgressReporter(options: ProgressReporterOptions): ProgressReporter {
  if (process.stderr.isTTY) return createLiveProgressReporter({ stream: process.stderr });
  return new LineProgressReporter(options);
}
