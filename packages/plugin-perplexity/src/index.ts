import { definePlatformPlugin } from '@citebots/sdk';
import { PERPLEXITY_ENV, type PerplexityConfig } from './perplexity-config.js';
import { createPerplexityPlatform, PERPLEXITY_PLUGIN_VERSION } from './perplexity-platform.js';

export { firstMarkerOffsets, parsePerplexityAnswer } from './parse-perplexity-response.js';
export {
  PERPLEXITY_DEFAULT_BASE_URL,
  PERPLEXITY_DEFAULT_MODEL,
  PERPLEXITY_ENV,
  type PerplexityConfig,
  type PerplexityOptions,
  perplexityConfigSchema,
  perplexityOptionsSchema,
  resolvePerplexityConfig,
} from './perplexity-config.js';
export { priceTableCost, providerReportedCost } from './perplexity-cost.js';
export { mapPerplexityError } from './perplexity-errors.js';
export {
  createPerplexityPlatform,
  PERPLEXITY_PLUGIN_VERSION,
  type PerplexityPlatform,
} from './perplexity-platform.js';
export {
  PERPLEXITY_DEFAULT_PRICES,
  type PerplexityModelPrice,
  type PerplexityPriceTable,
  type SearchContextSize,
} from './perplexity-prices.js';
export { type PerplexityResponse, perplexityResponseSchema } from './perplexity-response.js';

const perplexityPlugin = definePlatformPlugin<PerplexityConfig>({
  name: 'perplexity',
  version: PERPLEXITY_PLUGIN_VERSION,
  displayName: 'Perplexity',
  env: PERPLEXITY_ENV,
  create: (config, env) => createPerplexityPlatform(config, env ?? process.env),
});

export default perplexityPlugin;
