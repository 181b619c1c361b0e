import type { ClientProfile } from '../schemas/client-profile.js';
import type { CostBreakdown, CostRequest, PriceTable } from './cost.js';
import type { PlatformResult } from './platform-result.js';
import type { QueryInput } from './query-input.js';
import type { RateLimitHints } from './rate-limit.js';

export interface PlatformCapabilities {
  /** The engine searches the web before answering. */
  webSearch: boolean;
  /** The engine returns the pages it cites. */
  citations: boolean;
  /** The engine reports the search queries it ran. */
  searchQueries: boolean;
  /** Models this plugin knows prices for; any model id is accepted. */
  models: string[];
  defaultModel: string;
  /** The provider offers a batch API this plugin can use. */
  batch: boolean;
  rateLimits: RateLimitHints;
}

export interface ExecutionContext {
  client: ClientProfile;
  runId?: string;
  /** 1-based attempt number of this item. */
  attempt?: number;
}

export interface ExecuteOptions {
  signal?: AbortSignal;
}

export interface ConfigValidation {
  ok: boolean;
  /** Each problem names the setting (an environment variable or config key) and how to fix it. */
  problems: { setting: string; message: string; fix: string }[];
}

/**
 * The contract every answer engine implements. One instance holds one account's configuration.
 * `execute` makes exactly one attempt: it never retries (the runner does) and throws a
 * `PlatformError` whose `isRetryable` tells the runner what to do.
 */
export interface AnalysisPlatform {
  readonly name: string;
  readonly version: string;
  readonly displayName: string;
  readonly capabilities: PlatformCapabilities;
  /** The model this instance will call. */
  readonly model: string;
  /** Checks the configuration without calling the provider (a missing key, a bad base URL). */
  validateConfig(): ConfigValidation;
  execute(query: QueryInput, context: ExecutionContext, options?: ExecuteOptions): Promise<PlatformResult>;
  /**
   * Optional: loads what the first `execute` needs (the provider's client library, say) without
   * calling the provider. A worker starts it when it starts, so the first calls do not wait for it;
   * `execute` must work without it. Idempotent; its failure is left for `execute` to report.
   */
  prepare?(): Promise<void>;
  /** An estimate before a call, or the actual cost from usage after it. */
  getCost(request: CostRequest): CostBreakdown;
  /** The prices in force (the dated defaults merged with config overrides). */
  readonly prices: PriceTable;
  /**
   * A stable, secret-free key naming the provider account (e.g. `perplexity:acct-3f9a`, from a hash
   * of the API key). Rate limits and spend limits are shared per account across all workers.
   */
  readonly accountKey: string;
}

/**
 * What a platform package exports by default, so the CLI can load third-party plugins by package name.
 * `create` reads its settings from `config` first, then from `env`.
 */
export interface PlatformPlugin<TConfig = Record<string, unknown>> {
  readonly name: string;
  readonly version: string;
  readonly displayName: string;
  /** The environment variables the plugin reads, for `citebots platforms list` and error messages. */
  readonly env: { apiKey: string; baseUrl?: string; model?: string };
  create(config?: Partial<TConfig>, env?: Record<string, string | undefined>): AnalysisPlatform;
}

export function definePlatformPlugin<TConfig>(plugin: PlatformPlugin<TConfig>): PlatformPlugin<TConfig> {
  return plugin;
}
