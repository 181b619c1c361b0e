export { excerptsAround, openingOf } from './answer-excerpts.js';
export { type BuildRunReportOptions, buildRunReport, headlineSegment } from './build-run-report.js';
export { compareRuns } from './compare-runs.js';
export { pageFindings } from './page-findings.js';
export { rateDelta } from './rate-difference.js';
export type * from './types.js';
