import { definePlatformPlugin } from '@citebots/sdk';
import { CHATGPT_ENV, type ChatGptConfig } from './chatgpt-config.js';
import { CHATGPT_PLUGIN_VERSION, createChatGptPlatform } from './chatgpt-platform.js';

export { type ChatSearchBody, chatSearchBodySchema } from './chat-search-schema.js';
export {
  CHATGPT_DEFAULT_BASE_URL,
  CHATGPT_DEFAULT_MODEL,
  CHATGPT_ENV,
  type ChatGptConfig,
  type ChatGptOptions,
  chatGptConfigSchema,
  chatGptOptionsSchema,
  resolveChatGptConfig,
} from './chatgpt-config.js';
export { chatGptCost } from './chatgpt-cost.js';
export { mapOpenAIClientError, mapOpenAIError, type OpenAIErrorClasses } from './chatgpt-errors.js';
export {
  buildChatSearchRequest,
  buildResponsesRequest,
  CHATGPT_PLUGIN_VERSION,
  type ChatGptPlatform,
  createChatGptPlatform,
} from './chatgpt-platform.js';
export { CHATGPT_DEFAULT_PRICES, type ChatGptModelPrice, type ChatGptPriceTable } from './chatgpt-prices.js';
export { parseChatSearchBody } from './parse-chat-search.js';
export { parseResponsesBody } from './parse-responses.js';
export { type ResponsesBody, responsesBodySchema } from './responses-schema.js';

const chatGptPlugin = definePlatformPlugin<ChatGptConfig>({
  name: 'chatgpt',
  version: CHATGPT_PLUGIN_VERSION,
  displayName: 'ChatGPT',
  env: CHATGPT_ENV,
  create: (config, env) => createChatGptPlatform(config, env ?? process.env),
});

export default chatGptPlugin;
