import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { CitebotsError } from '../errors/citebots-error.js';
import { PlatformError } from '../errors/platform-error.js';
import { type ClientProfile, clientProfileSchema } from '../schemas/client-profile.js';
import type { Database } from '../storage/database.js';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import { claimItems } from './claim-items.js';
import type { ClaimedItem } from './claimed-item.js';
import { completeItem } from './complete-item.js';
import { describeError, failItem } from './fail-item.js';
import { extendLeases } from './heartbeat.js';
import { DEFAULT_LEASE_MS, reclaimExpiredLeases } from './reclaim.js';
import { releaseItems } from './release-items.js';
import { stopPlatformItems } from './stop-platform.js';
import type { RunnerEvent, RunStatus, WorkerOptions, WorkerStats } from './types.js';
import { WakeSignal } from './wake-signal.js';

interface InFlight {
  item: ClaimedItem;
  controller: AbortController;
  done: Promise<void>;
}

export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

async function loadClient(db: Database, runId: string): Promise<ClientProfile> {
  const rows = await db.query<{
    client_snapshot: unknown;
    name: string;
    domain: string;
    competitors: unknown;
  }>(
    `SELECT r.client_snapshot, c.name, c.domain, r.competitors
       FROM analysis_runs r LEFT JOIN clients c ON c.id = r.client_id WHERE r.id = $1`,
    [runId],
  );
  const row = rows[0];
  const snapshot = row?.client_snapshot ?? {
    name: row?.name,
    domain: row?.domain,
    competitors: row?.competitors ?? [],
  };
  return clientProfileSchema.parse(snapshot);
}

async function nothingLeft(db: Database, platforms: string[], runId: string | undefined): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM analysis_queue q JOIN analysis_runs r ON r.id = q.analysis_run_id
      WHERE q.status IN ('pending', 'processing') AND q.platform = ANY($1::text[])
        AND ($2::uuid IS NULL OR q.analysis_run_id = $2::uuid) AND r.status IN ('queued', 'running')
      LIMIT 1`,
    [platforms, runId ?? null],
  );
  return rows.length === 0;
}

/**
 * A worker: claims items of every run (or of one run) for the platforms it has, calls each engine
 * once per claim, stores the result under the lease fence, and retries by putting items back with a
 * backoff. Any number of workers can share one database. Aborting `signal` releases its claims at
 * once and returns.
 */
export async function runWorker(options: WorkerOptions): Promise<WorkerStats> {
  const db = options.db;
  const workerId = options.workerId ?? defaultWorkerId();
  const concurrency = options.concurrency ?? 4;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const heartbeatMs = options.heartbeatMs ?? Math.max(50, Math.floor(leaseMs / 3));
  const pollMs = options.pollMs ?? 1_000;
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  const emit = (event: RunnerEvent) => options.onEvent?.(event);
  const stats: WorkerStats = { workerId, completed: 0, failed: 0, retried: 0, released: 0 };
  const platforms = new Set(Object.keys(options.platforms));
  const inFlight = new Map<string, InFlight>();
  const clients = new Map<string, Promise<ClientProfile>>();
  const wake = new WakeSignal();
  const stopSignal = options.signal;
  let shuttingDown = false;

  const clientFor = (runId: string) => {
    let p = clients.get(runId);
    if (!p) {
      p = loadClient(db, runId);
      p.catch(() => clients.delete(runId));
      clients.set(runId, p);
    }
    return p;
  };

  const finished = (runId: string, status: string | null) => {
    if (status) emit({ type: 'run-finished', runId, status: status as RunStatus });
  };

  async function handleFailure(item: ClaimedItem, error: unknown): Promise<void> {
    const base = { runId: item.runId, itemId: item.id, platform: item.platform, queryId: item.query.id };
    const { message } = describeError(error);
    const stops = PlatformError.isPlatformError(error) && error.stopsPlatform;
    const retryable = !stops && (CitebotsError.isInstance(error) ? error.isRetryable : true);
    const retryAfter = PlatformError.isPlatformError(error) ? error.retryAfterMs : null;
    const delayMs = backoffDelay(item.attempt, retryAfter, backoff);
    const outcome = await failItem(db, item, error, { retryable, delayMs });
    if (!outcome.accepted) return;
    if (outcome.status === 'pending') {
      stats.retried++;
      emit({ type: 'item-retry', ...base, attempt: item.attempt, delayMs, error: message });
    } else {
      stats.failed++;
      emit({ type: 'item-failed', ...base, attempt: item.attempt, error: message });
      finished(item.runId, outcome.runStatus);
    }
    if (stops) {
      platforms.delete(item.platform);
      emit({ type: 'platform-stopped', platform: item.platform, reason: message });
      const n = await stopPlatformItems(
        db,
        item.runId,
        item.platform,
        `${message} (stopped without retrying)`,
      );
      stats.failed += n;
    }
  }

  async function process(item: ClaimedItem, controller: AbortController): Promise<void> {
    const base = { runId: item.runId, itemId: item.id, platform: item.platform, queryId: item.query.id };
    emit({ type: 'item-started', ...base, attempt: item.attempt });
    try {
      const platform = options.platforms[item.platform]!;
      const client = await clientFor(item.runId);
      const result = await platform.execute(
        item.query,
        { client, runId: item.runId, attempt: item.attempt },
        { signal: controller.signal },
      );
      const outcome = await completeItem(db, item, result, client);
      if (!outcome.accepted) return;
      stats.completed++;
      emit({ type: 'item-completed', ...base, costUsd: result.cost.totalUsd, resultId: outcome.resultId! });
      finished(item.runId, outcome.runStatus);
      if (options.afterResult) {
        await options
          .afterResult({
            db,
            runId: item.runId,
            resultId: outcome.resultId!,
            query: item.query,
            client,
            result,
            signal: controller.signal,
          })
          .catch(() => {});
      }
    } catch (error) {
      if (controller.signal.aborted) return; // shutting down (released) or the item was taken away
      await handleFailure(item, error).catch(() => {
        // The database is unreachable: the lease expires and another claim retries the item.
      });
    }
  }

  function start(item: ClaimedItem): void {
    const controller = new AbortController();
    const entry: InFlight = { item, controller, done: Promise.resolve() };
    entry.done = process(item, controller).finally(() => {
      inFlight.delete(item.id);
      wake.wake();
    });
    inFlight.set(item.id, entry);
  }

  const heartbeat = setInterval(() => {
    const held = [...inFlight.values()].map((f) => f.item);
    extendLeases(db, held, leaseMs)
      .then((lost) => {
        for (const id of lost) inFlight.get(id)?.controller.abort(new Error('lease lost'));
      })
      .catch(() => {});
  }, heartbeatMs);
  let lastReclaim = 0;

  const onAbort = () => {
    shuttingDown = true;
    wake.wake();
  };
  stopSignal?.addEventListener('abort', onAbort, { once: true });

  try {
    while (!shuttingDown && !stopSignal?.aborted) {
      if (Date.now() - lastReclaim >= Math.min(leaseMs / 2, 5_000)) {
        lastReclaim = Date.now();
        await reclaimExpiredLeases(db, leaseMs).catch(() => 0);
      }
      const capacity = concurrency - inFlight.size;
      let claimed: ClaimedItem[] = [];
      if (capacity > 0 && platforms.size > 0) {
        try {
          claimed = await claimItems(db, {
            workerId,
            limit: capacity,
            platforms: [...platforms],
            leaseMs,
            runId: options.runId,
          });
        } catch {
          claimed = []; // database unreachable: wait and try again
        }
      }
      if (shuttingDown || stopSignal?.aborted) {
        stats.released += await releaseItems(db, claimed).catch(() => 0);
        break;
      }
      for (const item of claimed) start(item);
      if (claimed.length > 0 && inFlight.size < concurrency) continue;
      if (claimed.length === 0 && inFlight.size === 0 && options.stopWhenIdle) {
        const idle =
          platforms.size === 0 || (await nothingLeft(db, [...platforms], options.runId).catch(() => false));
        if (idle) break;
      }
      await wake.sleep(pollMs, stopSignal);
    }
  } finally {
    clearInterval(heartbeat);
    stopSignal?.removeEventListener('abort', onAbort);
    if (inFlight.size > 0 && (shuttingDown || stopSignal?.aborted)) {
      const held = [...inFlight.values()];
      stats.released += await releaseItems(
        db,
        held.map((f) => f.item),
      ).catch(() => 0);
      for (const f of held) f.controller.abort(new Error('worker stopping'));
    }
    await Promise.allSettled([...inFlight.values()].map((f) => f.done));
  }
  return stats;
}
