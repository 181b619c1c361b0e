import { basePlatformConfigShape, parsePluginConfig, readEnv } from '@citebots/sdk';
import { z } from 'zod';

export const PERPLEXITY_ENV = {
  apiKey: 'PERPLEXITY_API_KEY',
  baseUrl: 'PERPLEXITY_BASE_URL',
  model: 'PERPLEXITY_MODEL',
} as const;

export const PERPLEXITY_DEFAULT_BASE_URL = 'https://api.perplexity.ai';
export const PERPLEXITY_DEFAULT_MODEL = 'sonar';

/** Request options passed to Sonar as they are named in its API. */
export const perplexityOptionsSchema = z
  .object({
    search_recency_filter: z.enum(['hour', 'day', 'week', 'month', 'year']),
    search_domain_filter: z.array(z.string().min(1)).max(20),
    search_mode: z.enum(['web', 'academic', 'sec']),
    return_related_questions: z.boolean(),
    max_tokens: z.number().int().positive(),
    temperature: z.number().min(0).max(2),
    web_search_options: z
      .object({
        search_context_size: z.enum(['low', 'medium', 'high']),
        search_type: z.enum(['fast', 'pro', 'auto']),
        user_location: z
          .object({
            city: z.string(),
            country: z.string(),
            region: z.string(),
            latitude: z.number(),
            longitude: z.number(),
          })
          .partial(),
      })
      .partial(),
  })
  .partial()
  .strict();

export const perplexityConfigSchema = z
  .object({
    ...basePlatformConfigShape,
    options: perplexityOptionsSchema.optional(),
  })
  .strict();

export type PerplexityConfig = z.input<typeof perplexityConfigSchema>;
export type PerplexityOptions = z.output<typeof perplexityOptionsSchema>;

export interface ResolvedPerplexityConfig {
  apiKey: string | undefined;
  baseUrl: string;
  model: string;
  timeoutMs: number;
  systemPrompt: string | undefined;
  options: PerplexityOptions;
  prices: z.output<typeof perplexityConfigSchema>['prices'];
}

/** Reads config first, then the environment; throws ConfigError on an invalid value. */
export function resolvePerplexityConfig(
  config: Partial<PerplexityConfig> | undefined,
  env: Record<string, string | undefined> | undefined,
): ResolvedPerplexityConfig {
  const merged = {
    ...config,
    apiKey: config?.apiKey ?? readEnv(env, PERPLEXITY_ENV.apiKey),
    baseUrl: config?.baseUrl ?? readEnv(env, PERPLEXITY_ENV.baseUrl),
    model: config?.model ?? readEnv(env, PERPLEXITY_ENV.model),
  };
  const parsed = parsePluginConfig('perplexity', perplexityConfigSchema, merged);
  return {
    apiKey: parsed.apiKey,
    baseUrl: (parsed.baseUrl ?? PERPLEXITY_DEFAULT_BASE_URL).replace(/\/+$/, ''),
    model: parsed.model ?? PERPLEXITY_DEFAULT_MODEL,
    timeoutMs: parsed.timeoutMs ?? 120_000,
    systemPrompt: parsed.systemPrompt,
    options: parsed.options ?? {},
    prices: parsed.prices,
  };
}
