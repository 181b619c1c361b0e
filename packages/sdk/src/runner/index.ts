export { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
export { type ClaimOptions, claimItems } from './claim-items.js';
export type { ClaimedItem } from './claimed-item.js';
export { type CompleteOptions, type CompletionOutcome, completeItem } from './complete-item.js';
export { type Completion, completeItems } from './complete-items.js';
export { CompletionBatcher, type CompletionBatcherOptions } from './completion-batcher.js';
export {
  type CostGuardOptions,
  type CostGuardState,
  enforceCostGuards,
  getDailySpend,
} from './cost-guards.js';
export { isConnectionError, retryOnConnectionError } from './db-retry.js';
export { type FailureOutcome, failItem } from './fail-item.js';
export { extendLeases } from './heartbeat.js';
export { type AccountPauseOutcome, pauseRunForAccount } from './pause-for-account.js';
export { type PlatformRunPlan, planRun, type RunPlan } from './plan-run.js';
export { startPreparing } from './prepare-platforms.js';
export {
  acquireRateLimit,
  listRateLimits,
  MAX_RESERVATION_MS,
  type RateLimitPolicy,
  type RateLimitReservation,
  type RateLimitSlots,
  type RateLimitState,
  reserveRateLimit,
  reserveRateLimitSlots,
  slowDownFromSnapshot,
  slowDownRateLimit,
  waitForRateLimit,
} from './rate-limit.js';
export { DEFAULT_BOOKING_WINDOW_MS, RateLimitGate } from './rate-limit-gate.js';
export { DEFAULT_LEASE_MS, reclaimExpiredLeases } from './reclaim.js';
export { type RunRefresh, refreshRun, runsToClose } from './refresh-run.js';
export { releaseItems } from './release-items.js';
export { cancelRun, pauseRun, resumeRun, retryFailedItems } from './run-control.js';
export { getRunHealth } from './run-health.js';
export { getRun, type ListRunsOptions, listRuns } from './run-summary.js';
export { applySessionLimits, DEFAULT_SESSION_LIMITS, type SessionLimits } from './session-limits.js';
export { stopPlatformItems } from './stop-platform.js';
export { submitRun } from './submit-run.js';
export type {
  ItemCounts,
  ItemStatus,
  PlatformProgress,
  ResultHook,
  RunHealth,
  RunnerEvent,
  RunStatus,
  RunSummary,
  SubmitRunInput,
  SubmitRunResult,
  WorkerOptions,
  WorkerStats,
} from './types.js';
export { type WatchRunOptions, watchRun } from './watch-run.js';
export { defaultWorkerId, runWorker } from './worker.js';
