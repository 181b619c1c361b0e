export { withTimeout } from './abort-timeout.js';
export { computeAccountKey } from './account-key.js';
export type { ResponseHeaders } from './http-post.js';
export { importOnFirstUse } from './import-on-first-use.js';
export { nodeFetch } from './node-fetch-adapter.js';
export {
  type ApiKeyHelp,
  type BasicPlatformSettings,
  type PlatformBasics,
  platformBasics,
} from './platform-basics.js';
export {
  basePlatformConfigShape,
  missingApiKeyError,
  modelPriceOverrideSchema,
  parsePluginConfig,
  priceOverridesSchema,
  readEnv,
  trimBaseUrl,
} from './plugin-config.js';
export { type JsonResponse, type PostJsonOptions, postJson } from './post-json.js';
export {
  type HttpErrorInfo,
  httpError,
  kindForStatus,
  malformedBody,
  malformedResponse,
  retryDelayFromMessage,
  safeMessage,
  transportError,
} from './provider-errors.js';
export {
  type HeaderSource,
  parseDurationMs,
  parseRateLimitHeaders,
  parseRetryAfterMs,
  readHeader,
} from './rate-limit-headers.js';
export { utf8OffsetToIndex } from './text-offsets.js';
export {
  computeTokenCost,
  estimateTokens,
  findModelPrice,
  mergePriceTable,
  type TokenCostOptions,
} from './token-cost.js';
export { stripTrackingParams, urlCompareKey } from './tracking-params.js';
