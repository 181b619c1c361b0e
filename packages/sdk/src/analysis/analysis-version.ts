import type { AnswerAnalysis } from './answer-analysis.js';

/** The version stamped on every stored analysis; rows with another are re-analysed when read. */
export const ANALYSIS_VERSION = 2;

/** A stored `mention_analysis` made by this analysis version (complete enough to read as is). */
export function isCurrentAnalysis(value: unknown): value is AnswerAnalysis {
  const a = value as AnswerAnalysis | null;
  return Boolean(
    a && a.version === ANALYSIS_VERSION && a.brand && Array.isArray(a.competitors) && a.sentiment,
  );
}
