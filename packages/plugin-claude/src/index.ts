import { definePlatformPlugin } from '@citebots/sdk';
import { CLAUDE_ENV, type ClaudeConfig } from './claude-config.js';
import { CLAUDE_PLUGIN_VERSION, createClaudePlatform } from './claude-platform.js';

export {
  CLAUDE_DEFAULT_BASE_URL,
  CLAUDE_DEFAULT_MODEL,
  CLAUDE_ENV,
  type ClaudeConfig,
  type ClaudeOptions,
  claudeConfigSchema,
  claudeOptionsSchema,
  resolveClaudeConfig,
} from './claude-config.js';
export { type AnthropicErrorClasses, mapAnthropicClientError, mapAnthropicError } from './claude-errors.js';
export { buildClaudeRequest, CLAUDE_PLUGIN_VERSION, createClaudePlatform } from './claude-platform.js';
export { CLAUDE_DEFAULT_PRICES } from './claude-prices.js';
export { type ClaudeMessage, claudeMessageSchema } from './claude-response.js';
export { mergeClaudeTurns, parseClaudeContent } from './parse-claude-message.js';

const claudePlugin = definePlatformPlugin<ClaudeConfig>({
  name: 'claude',
  version: CLAUDE_PLUGIN_VERSION,
  displayName: 'Claude',
  env: CLAUDE_ENV,
  create: (config, env) => createClaudePlatform(config, env ?? process.env),
});

export default claudePlugin;
