import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { CitebotsError } from '../errors/citebots-error.js';
import { PlatformError } from '../errors/platform-error.js';
import { type ClientProfile, clientProfileSchema } from '../schemas/client-profile.js';
import type { Database } from '../storage/database.js';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import { claimItems } from './claim-items.js';
import type { ClaimedItem } from './claimed-item.js';
import { CompletionBatcher } from './completion-batcher.js';
import { enforceCostGuards, getDailySpend } from './cost-guards.js';
import { retryOnConnectionError } from './db-retry.js';
import { describeError, failItem } from './fail-item.js';
import { FollowUps } from './follow-ups.js';
import { extendLeases } from './heartbeat.js';
import { pauseRunForAccount } from './pause-for-account.js';
import { startPreparing } from './prepare-platforms.js';
import { type RateLimitPolicy, slowDownFromSnapshot, slowDownRateLimit } from './rate-limit.js';
import { RateLimitGate } from './rate-limit-gate.js';
import { DEFAULT_LEASE_MS, reclaimExpiredLeases } from './reclaim.js';
import { releaseItems } from './release-items.js';
import { prepareCompletions } from './result-row.js';
import { RunRefresher } from './run-refresher.js';
import { DEFAULT_SESSION_LIMITS } from './session-limits.js';
import type { RunnerEvent, RunStatus, WorkerOptions, WorkerStats } from './types.js';
import { WakeSignal } from './wake-signal.js';

const SPEND_CACHE_MS = 1_000;
/**
 * How long a worker trusts what it read of a run (client snapshot, rate options, whether a cost
 * cap or daily limit is set): a run resumed with a new cap is guarded by its workers within this.
 */
const DEFAULT_RUN_CONTEXT_MAX_AGE_MS = 5_000;

interface InFlight {
  item: ClaimedItem;
  controller: AbortController;
  done: Promise<void>;
  /**
   * `ready`: claimed, waiting for a call slot; `calling`: holds a slot (rate-limit wait, guards,
   * the call; in a guarded run also the store); `storing`: answered, the answer is being stored.
   */
  phase: 'ready' | 'calling' | 'storing';
}

export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

interface RunContext {
  client: ClientProfile;
  /** The run's `requestsPerMinute` option, per platform. */
  requestsPerMinute: Record<string, number>;
  /** True when the run has a cost cap or a daily spend limit: only then is a guard read before each call. */
  guarded: boolean;
  dailySpendLimitUsd: number | null;
}

async function loadRunContext(db: Database, runId: string): Promise<RunContext> {
  const rows = await db.query<{
    client_snapshot: unknown;
    name: string;
    domain: string;
    competitors: unknown;
    options: { requestsPerMinute?: Record<string, number>; dailySpendLimitUsd?: number } | null;
    max_cost_usd: string | number | null;
  }>(
    `SELECT r.client_snapshot, c.name, c.domain, r.competitors, r.options, r.max_cost_usd
       FROM analysis_runs r LEFT JOIN clients c ON c.id = r.client_id WHERE r.id = $1`,
    [runId],
  );
  const row = rows[0];
  const snapshot = row?.client_snapshot ?? {
    name: row?.name,
    domain: row?.domain,
    competitors: row?.competitors ?? [],
  };
  return {
    client: clientProfileSchema.parse(snapshot),
    requestsPerMinute: row?.options?.requestsPerMinute ?? {},
    guarded: row?.max_cost_usd != null || row?.options?.dailySpendLimitUsd != null,
    dailySpendLimitUsd:
      row?.options?.dailySpendLimitUsd != null ? Number(row.options.dailySpendLimitUsd) : null,
  };
}

async function nothingLeft(db: Database, platforms: string[], runId: string | undefined): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM analysis_queue q JOIN analysis_runs r ON r.id = q.analysis_run_id
      WHERE q.status IN ('pending', 'processing') AND q.platform = ANY($1::text[])
        AND ($2::uuid IS NULL OR q.analysis_run_id = $2::uuid) AND r.status IN ('queued', 'running')
        AND (r.max_cost_usd IS NULL OR r.cost_usd < r.max_cost_usd)
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
 *
 * It keeps `concurrency` calls in flight: a slot that frees is refilled by the next claim (several
 * at once when several are free), and from 8 calls up it claims a few items ahead (`claimAhead`)
 * so a freed slot starts its next call at once. A call's slot frees when the engine answers, so
 * storing the answer does not hold the next call back; while more than `concurrency` answers wait
 * to be stored, claims wait for the stores. Runs with a cost cap or a daily spend limit keep the
 * slot until the answer and its cost are stored, so the guard read before the next call sees that
 * cost. Items claimed ahead for a run this worker pauses are given back uncalled; on stop, calls
 * and items claimed ahead are given back, and answers already received are stored first.
 *
 * Per item the database sees one claim (shared with the items claimed alongside), a share of one
 * rate-limit booking, and one completion statement, shared with the answers that arrived while the
 * previous one ran (`CompletionBatcher`; on PGlite, which runs statements on this thread, with the
 * answers read in the same turn of the event loop); leases of all held items are extended in one
 * statement per heartbeat.
 *
 * Before each call it takes a slot of the account's shared rate-limit bucket in the database
 * (calls of this worker waiting for the same account book their slots together, one statement per
 * batch of at most a quarter second of the rate; each then sleeps to its slot and calls) and, only when
 * the run has a cost cap or a daily spend limit, checks the cost guards (today's spend is cached for
 * about a second per worker, plus this worker's own spend since); a 429 or a response saying few
 * requests are left slows the bucket down for every worker. A hard quota or authentication error
 * pauses the run (see `pauseRunForAccount`).
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
  const sessionLimits = { ...DEFAULT_SESSION_LIMITS, ...options.sessionLimits };
  const inFlight = new Map<string, InFlight>();
  /** Items holding a call slot: claimed and not yet answered (or, in a guarded run, not yet stored). */
  let calling = 0;
  /** Items claimed ahead, waiting for a call slot (see `claimAhead`). */
  const ready: InFlight[] = [];
  const readyTarget = Math.max(0, Math.floor(options.claimAhead ?? concurrency / 8));
  /** What this worker read of each run, and when (re-read after `runContextMaxAgeMs`). */
  const contexts = new Map<string, { context: Promise<RunContext>; readAt: number }>();
  const contextMaxAgeMs = options.runContextMaxAgeMs ?? DEFAULT_RUN_CONTEXT_MAX_AGE_MS;
  const wake = new WakeSignal();
  const stopSignal = options.signal;
  let shuttingDown = false;
  // Today's spend (all accounts), read at most about once a second, plus what this worker spent since.
  const spend = { value: 0, readAt: 0, reading: null as Promise<number> | null };
  const todaySpend = async (): Promise<number> => {
    if (Date.now() - spend.readAt < SPEND_CACHE_MS) return spend.value;
    spend.reading ??= getDailySpend(db)
      .then((v) => {
        spend.value = v;
        spend.readAt = Date.now();
        return v;
      })
      .finally(() => {
        spend.reading = null;
      });
    return spend.reading;
  };

  const contextFor = (runId: string) => {
    const cached = contexts.get(runId);
    if (cached && Date.now() - cached.readAt <= contextMaxAgeMs) return cached.context;
    const context = loadRunContext(db, runId);
    const entry = { context, readAt: Date.now() };
    context.catch(() => {
      if (contexts.get(runId) === entry) contexts.delete(runId);
    });
    contexts.set(runId, entry);
    return context;
  };

  /** Run option, then worker option (config file), then the platform's own hint; null: no shared limit. */
  const ratePolicy = (item: ClaimedItem, run: RunContext): RateLimitPolicy | null => {
    if (options.sharedRateLimits === false) return null;
    const rpm =
      run.requestsPerMinute[item.platform] ??
      options.requestsPerMinute?.[item.platform] ??
      options.platforms[item.platform]?.capabilities.rateLimits.requestsPerMinute;
    return rpm && rpm > 0 ? { requestsPerMinute: rpm, burst: options.rateLimitBurst ?? 1 } : null;
  };

  // The platforms load their client libraries, and the completions read the result table's column
  // types, while the worker starts: the first calls and completions do not wait for them.
  startPreparing(Object.values(options.platforms));
  prepareCompletions(db);

  const gate = new RateLimitGate(db, { windowMs: options.rateLimitBookingMs });

  const slowDown = (item: ClaimedItem, delayMs: number | null, reason: string) => {
    const platform = options.platforms[item.platform];
    if (!platform || !delayMs || delayMs <= 0 || options.sharedRateLimits === false) return;
    const capped = Math.min(delayMs, backoff.maxRetryAfterMs);
    gate.drop(platform.accountKey);
    slowDownRateLimit(db, platform.accountKey, capped, reason).catch(() => {});
  };

  const write = <T>(fn: () => Promise<T>) => retryOnConnectionError(fn, { signal: stopSignal });
  // Answers that arrive while the database is busy storing others are stored together (group commit).
  const completions = new CompletionBatcher(db, { write, gatherTurn: db.kind === 'pglite' });

  // afterResult work (the cited-page crawl) runs beside the call slots, so slow pages do not hold
  // engine calls back; it only waits for a slot of its own when that many are already running.
  const followUpAbort = new AbortController();
  const followUps = new FollowUps(options.afterResultConcurrency ?? concurrency);

  const finished = (runId: string, status: string | null) => {
    if (status) emit({ type: 'run-finished', runId, status: status as RunStatus });
  };
  // The run rows are recounted apart from the hot path: about once a second per run this worker
  // changed, at once when it runs out of work, and when it stops.
  const refresher = new RunRefresher(db, {
    intervalMs: options.refreshIntervalMs ?? 1_000,
    onClosed: (runId, status) => finished(runId, status),
    onPaused: (runId, reason) => void paused(runId, reason),
  });

  /**
   * Gives back the items of a run claimed ahead and not started: the run was paused (or its account
   * stopped), so calling them would be wasted or refused.
   */
  async function giveBackReady(runId: string): Promise<void> {
    const items: ClaimedItem[] = [];
    for (let i = ready.length - 1; i >= 0; i--) {
      const entry = ready[i]!;
      if (entry.item.runId !== runId) continue;
      ready.splice(i, 1);
      inFlight.delete(entry.item.id);
      items.push(entry.item);
    }
    if (items.length === 0) return;
    stats.released += await releaseItems(db, items).catch(() => 0);
    refresher.changed(runId);
  }

  async function paused(runId: string, reason: string): Promise<void> {
    emit({ type: 'run-paused', runId, reason });
    await giveBackReady(runId);
  }

  async function handleFailure(item: ClaimedItem, error: unknown): Promise<void> {
    const base = { runId: item.runId, itemId: item.id, platform: item.platform, queryId: item.query.id };
    const { message } = describeError(error);
    const stops = PlatformError.isPlatformError(error) && error.stopsPlatform;
    if (stops) {
      const outcome = await write(() => pauseRunForAccount(db, item, message));
      if (!outcome.accepted) return;
      stats.released++;
      emit({ type: 'platform-stopped', platform: item.platform, reason: message });
      refresher.changed(item.runId);
      await giveBackReady(item.runId);
      if (outcome.paused) emit({ type: 'run-paused', runId: item.runId, reason: message });
      return;
    }
    const retryable = CitebotsError.isInstance(error) ? error.isRetryable : true;
    const retryAfter = PlatformError.isPlatformError(error)
      ? (error.retryAfterMs ?? error.rateLimit?.retryAfterMs ?? null)
      : null;
    if (PlatformError.isPlatformError(error) && error.kind === 'rate_limited') {
      slowDown(item, slowDownFromSnapshot(error.rateLimit, retryAfter) ?? 1_000, `429: ${message}`);
    }
    const delayMs = backoffDelay(item.attempt, retryAfter, backoff);
    const outcome = await write(() => failItem(db, item, error, { retryable, delayMs, sessionLimits }));
    if (!outcome.accepted) return;
    if (!outcome.runStatus) refresher.changed(item.runId);
    if (outcome.status === 'pending') {
      stats.retried++;
      emit({ type: 'item-retry', ...base, attempt: item.attempt, delayMs, error: message });
    } else {
      stats.failed++;
      emit({ type: 'item-failed', ...base, attempt: item.attempt, error: message });
      finished(item.runId, outcome.runStatus);
    }
  }

  /**
   * Waits for the shared rate limit and checks the cost guards. False when the item must not be
   * called now (the run was paused, cancelled or finished): it has been given back.
   */
  async function mayCall(item: ClaimedItem, run: RunContext, signal: AbortSignal): Promise<boolean> {
    const platform = options.platforms[item.platform]!;
    const policy = ratePolicy(item, run);
    if (policy) await gate.wait(platform.accountKey, policy, signal);
    if (signal.aborted) return false;
    if (!run.guarded) return true;
    const guard = await enforceCostGuards(db, item.runId, {
      todaySpendUsd: run.dailySpendLimitUsd != null ? await todaySpend() : undefined,
    });
    if (guard.status === 'queued' || guard.status === 'running') return true;
    stats.released += await releaseItems(db, [item]);
    refresher.changed(item.runId);
    if (guard.justPaused) await paused(item.runId, guard.pausedReason ?? '');
    return false;
  }

  async function process(entry: InFlight, freeSlot: () => void): Promise<void> {
    const { item, controller } = entry;
    const base = { runId: item.runId, itemId: item.id, platform: item.platform, queryId: item.query.id };
    emit({ type: 'item-started', ...base, attempt: item.attempt });
    const platform = options.platforms[item.platform]!;
    let run: RunContext;
    try {
      run = await contextFor(item.runId);
      if (!(await mayCall(item, run, controller.signal))) return;
    } catch {
      // The database failed before the call: give the item back (its attempt is not spent); if that
      // fails too, the lease expires and another claim retries it.
      if (!controller.signal.aborted) {
        stats.released += await releaseItems(db, [item]).catch(() => 0);
        refresher.changed(item.runId);
      }
      return;
    }
    const client = run.client;
    try {
      const result = await platform.execute(
        item.query,
        { client, runId: item.runId, attempt: item.attempt },
        { signal: controller.signal },
      );
      if (!run.guarded) {
        entry.phase = 'storing';
        freeSlot();
      }
      slowDown(item, slowDownFromSnapshot(result.rateLimit), 'the provider reported few requests left');
      const outcome = await completions.complete({ item, result, client, accountKey: platform.accountKey });
      if (!outcome.accepted) return;
      spend.value += result.cost.totalUsd;
      stats.completed++;
      if (!outcome.refreshed) refresher.changed(item.runId);
      emit({ type: 'item-completed', ...base, costUsd: result.cost.totalUsd, resultId: outcome.resultId! });
      finished(item.runId, outcome.runStatus);
      if (outcome.pausedReason) await paused(item.runId, outcome.pausedReason);
      if (options.afterResult) {
        await followUps.add(() =>
          options.afterResult!({
            db,
            runId: item.runId,
            resultId: outcome.resultId!,
            query: item.query,
            client,
            result,
            signal: followUpAbort.signal,
          }),
        );
      }
    } catch (error) {
      if (controller.signal.aborted) return; // shutting down (released) or the item was taken away
      await handleFailure(item, error).catch(() => {
        // The database is unreachable: the lease expires and another claim retries the item.
      });
    }
  }

  /** Starts claimed items waiting in `ready` while call slots are free. */
  function fill(): void {
    while (calling < concurrency && ready.length > 0) start(ready.shift()!);
  }

  function start(entry: InFlight): void {
    let holdsSlot = true;
    const freeSlot = () => {
      if (!holdsSlot) return;
      holdsSlot = false;
      calling--;
      fill();
      wake.wake();
    };
    calling++;
    entry.phase = 'calling';
    entry.done = process(entry, freeSlot).finally(() => {
      inFlight.delete(entry.item.id);
      freeSlot();
      wake.wake(); // a store that ends may lift the cap on answers waiting to be stored
    });
  }

  /** Drops a claimed item that has not started (its lease was lost): nothing was called for it. */
  function dropReady(id: string): void {
    const at = ready.findIndex((f) => f.item.id === id);
    if (at < 0) return;
    ready.splice(at, 1);
    inFlight.delete(id);
  }

  const heartbeat = setInterval(() => {
    const held = [...inFlight.values()].map((f) => f.item);
    extendLeases(db, held, leaseMs)
      .then((lost) => {
        for (const id of lost) {
          dropReady(id);
          inFlight.get(id)?.controller.abort(new Error('lease lost'));
        }
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
        await refresher.closeAbandoned().catch(() => {});
      }
      // Free call slots plus a few claimed ahead; none while more than `concurrency` answers wait
      // to be stored (the database is the bottleneck then). While the items claimed ahead cover
      // the free slots, claims wait until a batch of `claimAhead` is due: one claim per batch.
      const storing = inFlight.size - calling - ready.length;
      const free = concurrency - calling;
      const wanted = storing > concurrency ? 0 : free + readyTarget - ready.length;
      const capacity = free > ready.length || wanted >= readyTarget ? wanted : 0;
      let claimed: ClaimedItem[] = [];
      if (capacity > 0 && platforms.size > 0) {
        try {
          claimed = await claimItems(db, {
            workerId,
            limit: capacity,
            platforms: [...platforms],
            leaseMs,
            runId: options.runId,
            sessionLimits,
          });
        } catch {
          claimed = []; // database unreachable: wait and try again
        }
      }
      if (shuttingDown || stopSignal?.aborted) {
        stats.released += await releaseItems(db, claimed).catch(() => 0);
        break;
      }
      for (const item of claimed) {
        const entry: InFlight = {
          item,
          controller: new AbortController(),
          done: Promise.resolve(),
          phase: 'ready',
        };
        inFlight.set(item.id, entry);
        ready.push(entry);
      }
      fill();
      if (claimed.length > 0 && (calling < concurrency || ready.length < readyTarget)) continue;
      // Out of work for now: bring the runs this worker changed up to date (closing finished ones).
      if (capacity > 0 && claimed.length === 0) await refresher.flush().catch(() => {});
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
      // Claimed and running calls are given back; answers already received are stored first.
      const held = [...inFlight.values()].filter((f) => f.phase !== 'storing');
      for (const f of ready.splice(0)) inFlight.delete(f.item.id);
      for (const f of held) refresher.changed(f.item.runId);
      stats.released += await releaseItems(
        db,
        held.map((f) => f.item),
      ).catch(() => 0);
      for (const f of held) f.controller.abort(new Error('worker stopping'));
    }
    await Promise.allSettled([...inFlight.values()].map((f) => f.done));
    if (shuttingDown || stopSignal?.aborted) followUpAbort.abort(new Error('worker stopping'));
    await followUps.drain();
    await refresher.stop().catch(() => {});
  }
  return stats;
}
