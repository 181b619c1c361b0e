import type { AnalysisPlatform } from '../contract/analysis-platform.js';

/**
 * Starts every platform's optional `prepare` (loading its client library) without waiting for it,
 * so the work overlaps a process's other start-up; a failure is left for `execute` to report.
 */
export function startPreparing(platforms: Iterable<AnalysisPlatform>): void {
  for (const platform of platforms) platform.prepare?.().catch(() => {});
}
