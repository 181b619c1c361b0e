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
