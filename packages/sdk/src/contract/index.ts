export {
  type AnalysisPlatform,
  type ConfigValidation,
  definePlatformPlugin,
  type ExecuteOptions,
  type ExecutionContext,
  type PlatformCapabilities,
  type PlatformPlugin,
} from './analysis-platform.js';
export type { CostBreakdown, CostRequest, ModelPrice, PriceTable } from './cost.js';
export type {
  Citation,
  PlatformResult,
  ProviderMetadata,
  SourcePage,
  TokenUsage,
} from './platform-result.js';
export type { QueryInput } from './query-input.js';
export type { RateLimitHints, RateLimitSnapshot } from './rate-limit.js';
