import type { AnalysisPlatform } from '../contract/analysis-platform.js';
import type { PlatformResult } from '../contract/platform-result.js';
import type { QueryInput } from '../contract/query-input.js';
import type { ClientProfile } from '../schemas/client-profile.js';
import type { RunOptionsInput } from '../schemas/run-options.js';
import type { Database } from '../storage/database.js';
import type { BackoffPolicy } from './backoff.js';
import type { SessionLimits } from './session-limits.js';

export type RunStatus = 'queued' | 'running' | 'paused' | 'completed' | 'failed' | 'cancelled';
export type ItemStatus = 'pending' | 'processing' | 'completed' | 'failed' | 'cancelled';

export interface ItemCounts {
  total: number;
  pending: number;
  processing: number;
  completed: number;
  failed: number;
  cancelled: number;
}

export interface PlatformProgress extends ItemCounts {
  platform: string;
  costUsd: number;
}

export interface RunSummary {
  id: string;
  clientId: string;
  clientName: string;
  clientDomain: string | null;
  batchId: string | null;
  status: RunStatus;
  platforms: string[];
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  costUsd: number;
  maxCostUsd: number | null;
  pausedReason: string | null;
  counts: ItemCounts;
  byPlatform: PlatformProgress[];
}

export interface SubmitRunInput {
  client: ClientProfile;
  queries: QueryInput[];
  options: RunOptionsInput;
}

export interface SubmitRunResult {
  run: RunSummary;
  /** False when a run with the same client and batch id already existed: that run is returned, nothing is written. */
  created: boolean;
}

/** Health of one run: `stuck` (processing with an expired lease) should always be 0 while workers run. */
export interface RunHealth {
  runId: string;
  queued: number;
  processing: number;
  completed: number;
  failed: number;
  cancelled: number;
  stuck: number;
  /** Items finished per minute over the last five minutes. */
  throughputPerMinute: number;
  costUsd: number;
}

export type RunnerEvent =
  | {
      type: 'item-started';
      runId: string;
      itemId: string;
      platform: string;
      queryId: string;
      attempt: number;
    }
  | {
      type: 'item-completed';
      runId: string;
      itemId: string;
      platform: string;
      queryId: string;
      costUsd: number;
      resultId: string;
    }
  | {
      type: 'item-retry';
      runId: string;
      itemId: string;
      platform: string;
      queryId: string;
      attempt: number;
      delayMs: number;
      error: string;
    }
  | {
      type: 'item-failed';
      runId: string;
      itemId: string;
      platform: string;
      queryId: string;
      attempt: number;
      error: string;
    }
  | { type: 'platform-stopped'; platform: string; reason: string }
  | { type: 'run-paused'; runId: string; reason: string }
  | { type: 'run-finished'; runId: string; status: RunStatus };

/** Called after an item's result is stored (the citation analyzer hangs here). Its failures never fail the item. */
export type ResultHook = (context: {
  db: Database;
  runId: string;
  /** `analysis_queries.id` of the stored result. */
  resultId: string;
  query: QueryInput;
  client: ClientProfile;
  result: PlatformResult;
  signal: AbortSignal;
}) => Promise<void>;

export interface WorkerOptions {
  db: Database;
  /** Platform instances by name; items of platforms not listed here are left for other workers. */
  platforms: Record<string, AnalysisPlatform>;
  /** Calls in flight at once in this worker (default 4). */
  concurrency?: number;
  /**
   * Items claimed ahead of a free call slot, so a slot that frees starts its next call without
   * waiting for a claim's round trip (default `floor(concurrency / 8)`: none below 8 calls). Such an
   * item waits in this worker about `claimAhead / concurrency` of a call, and no other worker can
   * take it meanwhile.
   */
  claimAhead?: number;
  /**
   * How long the worker keeps what it read of a run (its client snapshot, rate options, and whether
   * it has a cost cap or a daily spend limit) before reading it again (default 5,000 ms), so that a
   * run resumed with a new cap is guarded by a running worker within this.
   */
  runContextMaxAgeMs?: number;
  /** Only claim items of this run (in-process `analyze`). */
  runId?: string;
  /** Return once there is nothing left to claim for `runId` (or at all) instead of polling forever. */
  stopWhenIdle?: boolean;
  /** Aborting releases this worker's claims at once and returns. */
  signal?: AbortSignal;
  workerId?: string;
  leaseMs?: number;
  heartbeatMs?: number;
  pollMs?: number;
  /**
   * How often, at most, the worker recounts a run it is changing (counters, cost, status on
   * analysis_runs; default 1,000 ms). It also does so at once when it runs out of work and when it
   * stops.
   */
  refreshIntervalMs?: number;
  onEvent?: (event: RunnerEvent) => void;
  afterResult?: ResultHook;
  /** afterResult calls running at once beside the call slots (default: `concurrency`); the worker returns only after they settle. */
  afterResultConcurrency?: number;
  /** Retry delays (defaults: 1 s base, 5 min cap, retry-after honoured up to 15 min). */
  backoff?: Partial<BackoffPolicy>;
  /**
   * Requests per minute per platform account (the config file's `platforms.<name>.requestsPerMinute`).
   * A run's own `requestsPerMinute` option wins; the platform's `capabilities.rateLimits` hint is the default.
   */
  requestsPerMinute?: Record<string, number>;
  /** Calls the shared bucket allows back to back after a quiet period (default 1: evenly spaced). */
  rateLimitBurst?: number;
  /**
   * How far ahead (in time at the account's rate) the worker books shared rate-limit slots at once
   * for calls it has waiting (default 250 ms; one statement per booking).
   */
  rateLimitBookingMs?: number;
  /** Take a token from the shared per-account bucket before each call (default true). */
  sharedRateLimits?: boolean;
  /** Timeouts set per transaction (SET LOCAL) on the worker's claim and write transactions. */
  sessionLimits?: Partial<SessionLimits>;
}

export interface WorkerStats {
  workerId: string;
  completed: number;
  failed: number;
  retried: number;
  released: number;
}
