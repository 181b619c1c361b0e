// `@citebots/sdk/runs`: reading a run's summary and health (what `citebots status` shows first),
// without the runner, the analysis or the reports. (Imported from the modules themselves, not the
// runner's index: the bundler would otherwise carry the whole runner into this entry.)
export { getRunHealth } from '../runner/run-health.js';
export { getRun, type ListRunsOptions, listRuns } from '../runner/run-summary.js';
export type { ItemCounts, PlatformProgress, RunHealth, RunStatus, RunSummary } from '../runner/types.js';
