import type {
  AnalysisPlatform,
  ConfigValidation,
  PlatformCapabilities,
} from '../contract/analysis-platform.js';
import type { ModelPrice } from '../contract/cost.js';
import type { TokenUsage } from '../contract/platform-result.js';
import type { QueryInput } from '../contract/query-input.js';
import { registerSecret } from '../errors/redact.js';
import { computeAccountKey } from './account-key.js';
import { missingApiKeyError } from './plugin-config.js';
import { estimateTokens, mergePriceTable } from './token-cost.js';

/** The resolved settings every platform plugin has (see `basePlatformConfigShape`). */
export interface BasicPlatformSettings<P extends ModelPrice> {
  apiKey?: string | null | undefined;
  baseUrl: string;
  model: string;
  systemPrompt?: string | null | undefined;
  prices?: { date?: string | undefined; models?: Record<string, Partial<P>> | undefined } | null | undefined;
}

/** How `validateConfig` and `execute` explain a missing API key. */
export interface ApiKeyHelp {
  /** The environment variable named in the problem and the error (`PERPLEXITY_API_KEY`). */
  env: string;
  /** Another variable read as well, named after it: `GEMINI_API_KEY (or GOOGLE_API_KEY) is not set`. */
  altEnv?: string;
  /** The provider as a person names it (`Perplexity`). */
  provider: string;
  /** Where a key is made (`perplexity.ai/settings/api`). */
  keyFrom: string;
}

/** What `platformBasics` gives a plugin: the parts of a platform that are the same for every provider. */
export interface PlatformBasics<P extends ModelPrice> {
  /** The default prices merged with the config's overrides. */
  prices: { date: string; models: Record<string, P> };
  accountKey: string;
  validateConfig(): ConfigValidation;
  /** The configured key; a ConfigError naming the environment variable when there is none. */
  requireApiKey(): string;
  /** Usage for an estimate: the question and system prompt (plus `extraInputTokens`) in, `outputTokens` out. */
  estimateUsage(query: QueryInput, outputTokens: number, extraInputTokens?: number): TokenUsage;
  /** Capabilities with web search and citations, the price table's models and no batch, then `own`. */
  capabilities(
    own: Pick<PlatformCapabilities, 'searchQueries' | 'defaultModel' | 'rateLimits'> &
      Partial<PlatformCapabilities>,
  ): PlatformCapabilities;
  /** The platform object: these basics with the plugin's own name, capabilities, `execute` and `getCost`. */
  platform(
    own: Pick<AnalysisPlatform, 'version' | 'displayName' | 'capabilities' | 'execute' | 'getCost'> &
      Pick<Partial<AnalysisPlatform>, 'prepare'>,
  ): AnalysisPlatform & { readonly prices: { date: string; models: Record<string, P> } };
}

/**
 * The shared wiring of a platform plugin named `name`: registers the API key as a secret, merges
 * `defaultPrices` (the dated default table) with the config's overrides, computes the account key, checks
 * that a key is present (explained with `apiKey`) and assembles the platform object.
 */
export function platformBasics<P extends ModelPrice>(
  name: string,
  settings: BasicPlatformSettings<P>,
  defaultPrices: { date: string; models: Record<string, P> },
  apiKey: ApiKeyHelp,
): PlatformBasics<P> {
  registerSecret(settings.apiKey);
  const prices = mergePriceTable(defaultPrices, settings.prices);
  const accountKey = computeAccountKey(name, settings.apiKey, settings.baseUrl);

  function validateConfig(): ConfigValidation {
    if (settings.apiKey) return { ok: true, problems: [] };
    const also = apiKey.altEnv ? ` (or ${apiKey.altEnv})` : '';
    return {
      ok: false,
      problems: [
        {
          setting: apiKey.env,
          message: `No ${apiKey.provider} API key: ${apiKey.env}${also} is not set.`,
          fix: `Set ${apiKey.env} (a key from ${apiKey.keyFrom}) or pass apiKey in the config.`,
        },
      ],
    };
  }

  function requireApiKey(): string {
    if (!settings.apiKey) throw missingApiKeyError(name, apiKey.env);
    return settings.apiKey;
  }

  function estimateUsage(query: QueryInput, outputTokens: number, extraInputTokens = 0): TokenUsage {
    const input = estimateTokens(query.text) + estimateTokens(settings.systemPrompt ?? '') + extraInputTokens;
    return { inputTokens: input, outputTokens, totalTokens: input + outputTokens };
  }

  return {
    prices,
    accountKey,
    validateConfig,
    requireApiKey,
    estimateUsage,
    capabilities: (own) => ({
      webSearch: true,
      citations: true,
      models: Object.keys(prices.models),
      batch: false,
      ...own,
    }),
    platform: (own) => ({
      name,
      version: own.version,
      displayName: own.displayName,
      capabilities: own.capabilities,
      model: settings.model,
      prices,
      accountKey,
      validateConfig,
      execute: own.execute,
      getCost: own.getCost,
      ...(own.prepare ? { prepare: own.prepare } : {}),
    }),
  };
}
