import type { ModelPrice, PlatformPlugin } from '@citebots/sdk';
import type { CliConfig } from '../config-file.js';

export interface PlatformInfo {
  name: string;
  displayName: string;
  version: string;
  /** Built in, or the package name it was loaded from. */
  source: 'built-in' | 'plugin';
  model: string | null;
  capabilities: {
    webSearch: boolean;
    citations: boolean;
    searchQueries: boolean;
    batch: boolean;
  } | null;
  /** The environment variable holding the API key, and whether it is set (never the key itself). */
  apiKeyEnv: string;
  apiKeySet: boolean;
  /** Whether the configuration is complete enough to run. */
  ready: boolean;
  problems: string[];
  pricesDate: string | null;
  /** Prices of the model this instance calls, when the price table knows it. */
  modelPrice: ModelPrice | null;
}

/** What `platforms list` shows about one plugin, created with the config-file settings and the environment. */
export function describePlatform(
  plugin: PlatformPlugin,
  builtIn: boolean,
  config: CliConfig,
  env: Record<string, string | undefined>,
): PlatformInfo {
  const base = {
    name: plugin.name,
    displayName: plugin.displayName,
    version: plugin.version,
    source: builtIn ? ('built-in' as const) : ('plugin' as const),
    apiKeyEnv: plugin.env.apiKey,
    apiKeySet: Boolean(env[plugin.env.apiKey]),
  };
  try {
    const platform = plugin.create((config.platforms[plugin.name] ?? {}) as Record<string, unknown>, env);
    const check = platform.validateConfig();
    const c = platform.capabilities;
    return {
      ...base,
      model: platform.model,
      capabilities: {
        webSearch: c.webSearch,
        citations: c.citations,
        searchQueries: c.searchQueries,
        batch: c.batch,
      },
      ready: check.ok,
      problems: check.problems.map((p) => p.message),
      pricesDate: platform.prices.date ?? null,
      modelPrice: platform.prices.models[platform.model] ?? null,
    };
  } catch (error) {
    return {
      ...base,
      model: null,
      capabilities: null,
      ready: false,
      problems: [(error as Error).message],
      pricesDate: null,
      modelPrice: null,
    };
  }
}
