import type { PlatformProgress, RunStatus, RunSummary } from '@citebots/sdk';
import type { ProgressReporter } from './progress-reporter.js';

export interface RenderProgressOptions {
  /** Bars and colours for a terminal; plain lines otherwise. */
  tty: boolean;
  /** Terminal width (default 80). */
  columns?: number;
  /** Clock for the ETA (tests). */
  now?: Date;
}

const FINISHED: RunStatus[] = ['completed', 'failed', 'cancelled'];

export function isFinished(status: RunStatus): boolean {
  return FINISHED.includes(status);
}

/** "1h 02m", "3m 20s", "12s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

function money(usd: number): string {
  return `$${usd < 10 ? usd.toFixed(4) : usd.toFixed(2)}`;
}

/** Remaining time at the pace so far (items finished since the run started); null before the first finished item. */
export function estimateEta(
  p: { total: number; completed: number; failed: number; cancelled: number },
  startedAt: Date | null,
  now: Date,
): number | null {
  const done = p.completed + p.failed + p.cancelled;
  const remaining = p.total - done;
  if (remaining <= 0) return 0;
  if (!startedAt || done === 0) return null;
  const elapsed = now.getTime() - startedAt.getTime();
  if (elapsed <= 0) return null;
  return (remaining * elapsed) / done;
}

function bar(p: PlatformProgress, width: number): string {
  const total = Math.max(1, p.total);
  const ok = Math.round((p.completed / total) * width);
  const bad = Math.min(width - ok, Math.round(((p.failed + p.cancelled) / total) * width));
  const green = '\x1b[32m';
  const red = '\x1b[31m';
  const dim = '\x1b[2m';
  const reset = '\x1b[0m';
  return `${green}${'█'.repeat(ok)}${red}${'█'.repeat(bad)}${dim}${'░'.repeat(width - ok - bad)}${reset}`;
}

function line(p: PlatformProgress, summary: RunSummary, now: Date): string {
  const eta = estimateEta(p, summary.startedAt ?? summary.createdAt, now);
  const remaining = p.pending + p.processing;
  const etaText = remaining === 0 ? 'done' : eta === null ? 'ETA –' : `ETA ${formatDuration(eta)}`;
  return `${p.completed}/${p.total} done · ${p.failed} failed · ${remaining} remaining · ${money(p.costUsd)} · ${etaText}`;
}

/**
 * One frame of a run's progress: a line per platform (done, failed, remaining, cost so far, ETA)
 * and a total. With `tty` each platform gets a coloured bar; without, plain `key: value` lines
 * that read well in CI logs. The frame never ends with a newline.
 */
export function renderProgress(summary: RunSummary, options: RenderProgressOptions): string {
  const now = options.now ?? new Date();
  const platforms = summary.byPlatform.length
    ? summary.byPlatform
    : [{ platform: 'all', ...summary.counts, costUsd: summary.costUsd }];
  const nameWidth = Math.max(8, ...platforms.map((p) => p.platform.length));
  const head = `run ${summary.id.slice(0, 8)} · ${summary.clientName || 'client'} · ${summary.status}${summary.pausedReason ? ` (${summary.pausedReason})` : ''}`;
  const total: PlatformProgress = { platform: 'total', ...summary.counts, costUsd: summary.costUsd };
  if (!options.tty) {
    return [
      head,
      ...platforms.map((p) => `${p.platform}: ${line(p, summary, now)}`),
      `total: ${line(total, summary, now)}`,
    ].join('\n');
  }
  const columns = options.columns ?? 80;
  const sample = line(total, summary, now);
  const barWidth = Math.max(10, Math.min(30, columns - nameWidth - sample.length - 4));
  const rows = platforms.map(
    (p) => `${p.platform.padEnd(nameWidth)} ${bar(p, barWidth)} ${line(p, summary, now)}`,
  );
  rows.push(`${'total'.padEnd(nameWidth)} ${bar(total, barWidth)} ${line(total, summary, now)}`);
  return [`\x1b[1m${head}\x1b[0m`, ...rows].join('\n');
}

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * Draws successive frames on a stream: in a terminal each frame replaces the last one in place;
 * elsewhere a frame is printed only when its text changed (no log spam in CI).
 */
export class ProgressRenderer {
  readonly #stream: ProgressStream;
  readonly #tty: boolean;
  readonly #plainIntervalMs: number;
  #lines = 0;
  #last = '';
  #lastStatus = '';
  #lastPrinted = 0;
  #pending: RunSummary | null = null;

  /**
   * `plainIntervalMs`: without a TTY, a changed frame is printed at most this often (default 5 s),
   * and always when the run's status changes and at `done()`.
   */
  constructor(
    stream: ProgressStream = process.stderr,
    options: { tty?: boolean; plainIntervalMs?: number } = {},
  ) {
    this.#stream = stream;
    this.#tty = options.tty ?? stream.isTTY === true;
    this.#plainIntervalMs = options.plainIntervalMs ?? 5000;
  }

  update(summary: RunSummary, now = new Date()): void {
    if (!this.#tty) {
      this.#pending = summary;
      const statusChanged = summary.status !== this.#lastStatus;
      if (!statusChanged && now.getTime() - this.#lastPrinted < this.#plainIntervalMs) return;
      this.#printPlain(summary, now);
      return;
    }
    const frame = renderProgress(summary, { tty: true, columns: this.#stream.columns, now });
    const clear = this.#lines > 0 ? `\x1b[${this.#lines}F\x1b[J` : '';
    this.#stream.write(`${clear}${frame}\n`);
    this.#lines = frame.split('\n').length;
  }

  #printPlain(summary: RunSummary, now: Date): void {
    this.#pending = null;
    const frame = renderProgress(summary, { tty: false, now });
    // The ETA changes every second; a frame that differs only there is not news.
    const key = frame.replace(/ETA [^\n]*/g, '');
    if (key === this.#last) return;
    this.#last = key;
    this.#lastStatus = summary.status;
    this.#lastPrinted = now.getTime();
    this.#stream.write(`${frame}\n`);
  }

  /** Prints the last frame not yet shown (plain mode) and leaves it on screen; later output starts on a fresh line. */
  done(now = new Date()): void {
    if (!this.#tty && this.#pending) this.#printPlain(this.#pending, now);
    this.#lines = 0;
    this.#pending = null;
  }
}

export interface WatchProgressOptions {
  /** Reads the run (getRun); null when it does not exist. */
  load: () => Promise<RunSummary | null>;
  stream?: ProgressStream;
  tty?: boolean;
  intervalMs?: number;
  signal?: AbortSignal;
  /** Stop also when the run is paused (default true: a paused run waits for `citebots resume`). */
  stopWhenPaused?: boolean;
}

/** Redraws a run's progress until it finishes (or pauses, or `signal` aborts); returns the last summary read. */
export async function watchProgress(options: WatchProgressOptions): Promise<RunSummary | null> {
  const renderer = new ProgressRenderer(options.stream ?? process.stderr, { tty: options.tty });
  const interval = options.intervalMs ?? 1000;
  let last: RunSummary | null = null;
  try {
    while (!options.signal?.aborted) {
      const summary = await options.load();
      if (!summary) return last;
      last = summary;
      renderer.update(summary);
      if (isFinished(summary.status) || (summary.status === 'paused' && options.stopWhenPaused !== false))
        return summary;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, interval);
        options.signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });
    }
    return last;
  } finally {
    renderer.done();
  }
}

type Counts = Pick<PlatformProgress, 'pending' | 'processing' | 'completed' | 'failed'>;

function move(c: Counts, from: keyof Counts, to: keyof Counts): void {
  if (c[from] > 0) c[from] -= 1;
  c[to] += 1;
}

/**
 * A `ProgressReporter` for `citebots analyze` (see progress-reporter.ts) that draws the live bars:
 * it keeps the run's counts from the runner's events (no database reads) and redraws at most every
 * `redrawMs` (default 100 ms). Meant for a TTY; without one the renderer prints sparse plain frames.
 */
export function createLiveProgressReporter(
  options: { stream?: ProgressStream; tty?: boolean; redrawMs?: number } = {},
): ProgressReporter {
  const renderer = new ProgressRenderer(options.stream ?? process.stderr, { tty: options.tty });
  const redrawMs = options.redrawMs ?? 100;
  let run: RunSummary | null = null;
  let last = 0;
  const draw = (force = false) => {
    const now = Date.now();
    if (!run || (!force && now - last < redrawMs)) return;
    last = now;
    renderer.update(run);
  };
  const platform = (name: string): PlatformProgress | undefined =>
    run?.byPlatform.find((p) => p.platform === name);
  return {
    start(summary) {
      run = {
        ...summary,
        startedAt: summary.startedAt ?? new Date(),
        counts: { ...summary.counts },
        byPlatform: summary.byPlatform.map((p) => ({ ...p })),
      };
      draw(true);
    },
    event(e) {
      if (!run) return;
      switch (e.type) {
        case 'item-started':
        case 'item-completed':
        case 'item-retry':
        case 'item-failed': {
          const p = platform(e.platform);
          const [from, to]: [keyof Counts, keyof Counts] =
            e.type === 'item-started'
              ? ['pending', 'processing']
              : e.type === 'item-completed'
                ? ['processing', 'completed']
                : e.type === 'item-retry'
                  ? ['processing', 'pending']
                  : ['processing', 'failed'];
          move(run.counts, from, to);
          if (p) move(p, from, to);
          if (e.type === 'item-completed') {
            run.costUsd += e.costUsd;
            if (p) p.costUsd += e.costUsd;
          }
          break;
        }
        case 'run-paused':
          run.status = 'paused';
          run.pausedReason = e.reason;
          break;
        case 'run-finished':
          run.status = e.status;
          break;
        case 'platform-stopped':
          break;
      }
      draw(e.type === 'run-paused' || e.type === 'run-finished');
    },
    finish(summary) {
      run = summary;
      draw(true);
      renderer.done();
    },
  };
}
