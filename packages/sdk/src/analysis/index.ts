export { ANALYSIS_VERSION } from './analysis-version.js';
export {
  ANSWER_ANALYSIS_COLUMN_CASTS,
  type AnswerAnalysis,
  type AnswerInput,
  analyzeAnswer,
  answerAnalysisColumns,
  type BrandMentions,
  type CitedSourceSummary,
  isBrandedQuery,
  type JudgeRecord,
  type MentionType,
} from './answer-analysis.js';
export { findMentions, type MentionSpan, type TrackedBrand } from './brand-matcher.js';
export { attributeCitations, type CitedSource } from './citation-attribution.js';
export type { Classification } from './classify.js';
export { hostMatchesDomain, registrableDomain, urlMatchesDomain } from './domain-match.js';
export { type ListItem, parseListItems } from './list-structure.js';
export {
  analyzeAnswerWithJudge,
  applyJudgement,
  type Judgement,
  type JudgeResult,
  judgeAnswer,
  judgementSchema,
  reapplyStoredJudgement,
} from './llm-judge.js';
export { type ReanalyzeOptions, type ReanalyzeResult, reanalyzeRun } from './reanalyze.js';
export { splitSentences } from './sentences.js';
export { type BrandSentiment, brandSentiment, type SentimentLabel } from './sentiment.js';
