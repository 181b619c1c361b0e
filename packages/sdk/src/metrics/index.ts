export { computeMetrics, METRIC_DEFINITIONS, type MetricsRow } from './compute-metrics.js';
export { type PawcResult, type PawcSentence, positionAdjustedWordCount } from './pawc.js';
export { computeRunMetrics, type RunMetricsOptions } from './run-metrics.js';
export type { BrandMetrics, CitedDomain, RunMetrics, SegmentMetrics, VisibilityMetrics } from './types.js';
export { type MeanStat, meanStat, type Rate, wilsonInterval, wilsonRate } from './wilson.js';
