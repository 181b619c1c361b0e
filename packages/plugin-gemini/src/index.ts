import { definePlatformPlugin } from '@citebots/sdk';
import { GEMINI_ENV, type GeminiConfig } from './gemini-config.js';
import { createGeminiPlatform, GEMINI_PLUGIN_VERSION } from './gemini-platform.js';

export {
  GEMINI_ALT_API_KEY_ENV,
  GEMINI_DEFAULT_BASE_URL,
  GEMINI_DEFAULT_MODEL,
  GEMINI_DEFAULT_REDIRECT_HOST,
  GEMINI_ENV,
  type GeminiConfig,
  type GeminiOptions,
  type GroundingUrlResolver,
  geminiConfigSchema,
  geminiOptionsSchema,
  resolveGeminiConfig,
} from './gemini-config.js';
export { geminiCost } from './gemini-cost.js';
export { mapGeminiError } from './gemini-errors.js';
export {
  buildGeminiRequest,
  createGeminiPlatform,
  GEMINI_PLUGIN_VERSION,
  type GeminiPlatform,
} from './gemini-platform.js';
export { GEMINI_DEFAULT_PRICES, type GeminiModelPrice, type GeminiPriceTable } from './gemini-prices.js';
export { type GeminiResponse, geminiResponseSchema } from './gemini-response.js';
export { createHeadResolver, isGroundingRedirect, resolveGroundingUrls } from './grounding-redirects.js';
export { applyResolvedUrls, parseGeminiResponse } from './parse-gemini-response.js';

const geminiPlugin = definePlatformPlugin<GeminiConfig>({
  name: 'gemini',
  version: GEMINI_PLUGIN_VERSION,
  displayName: 'Gemini',
  env: GEMINI_ENV,
  create: (config, env) => createGeminiPlatform(config, env ?? process.env),
});

export default geminiPlugin;
