export { type AnalyzeHtmlOptions, analyzeHtml } from './analysis/analyze-html.js';
export { isSameSite, registrableDomain } from './analysis/domain-match.js';
export { extractPageFacts, type PageContext, type PageFacts } from './analysis/page-facts.js';
export { type Relevance, relevance } from './analysis/relevance.js';
export { type BrandSubject, scorePage } from './analysis/score-page.js';
export type {
  BrandAnalysis,
  ContentQuality,
  OnPageSeo,
  PageAnalysis,
  QualityScoreParts,
  TechnicalSeo,
} from './analysis/types.js';
export {
  type CrawlAndAnalyzeOptions,
  type CrawlAndAnalyzeResult,
  crawlAndAnalyze,
} from './crawl-and-analyze.js';
export {
  type CrawlErrorCode,
  type CrawlFailure,
  type CrawlResult,
  type CrawlSuccess,
  crawlErrorText,
  type RedirectHop,
} from './crawler/crawl-result.js';
export {
  type CrawlerOptions,
  type CrawlerOptionsInput,
  crawlerOptionsSchema,
} from './crawler/crawler-options.js';
export { type Crawler, createCrawler } from './crawler/create-crawler.js';
export { type NormalizedUrl, normalizeUrl } from './crawler/normalize-url.js';
export { parseRobots, type RobotsRules } from './crawler/robots.js';
export {
  type CitationResultHook,
  type CitationResultHookOptions,
  createCitationResultHook,
} from './hook/citation-result-hook.js';
export { AddressPolicy, isDeniedAddress } from './net/address-policy.js';
export { ANALYSIS_VERSION, USER_AGENT, VERSION } from './version.js';
