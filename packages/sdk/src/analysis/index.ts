export {
  ANALYSIS_VERSION,
  type AnswerAnalysis,
  type AnswerInput,
  analyzeAnswer,
  answerAnalysisColumns,
  type BrandMentions,
} from './answer-analysis.js';
