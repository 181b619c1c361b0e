import { basePlatformConfigShape, parsePluginConfig, readEnv } from '@citebots/sdk';
import { z } from 'zod';

export const CLAUDE_ENV = {
  apiKey: 'ANTHROPIC_API_KEY',
  baseUrl: 'ANTHROPIC_BASE_URL',
  model: 'ANTHROPIC_MODEL',
} as const;

export const CLAUDE_DEFAULT_BASE_URL = 'https://api.anthropic.com';
export const CLAUDE_DEFAULT_MODEL = 'claude-haiku-4-5';

export const claudeOptionsSchema = z
  .object({
    /** The server web search tool version. */
    tool_version: z.string().regex(/^web_search_\d{8}$/, 'must look like web_search_20250305'),
    max_uses: z.number().int().positive().max(50),
    allowed_domains: z.array(z.string().min(1)).min(1),
    blocked_domains: z.array(z.string().min(1)).min(1),
    user_location: z
      .object({ city: z.string(), region: z.string(), country: z.string(), timezone: z.string() })
      .partial(),
    max_tokens: z.number().int().positive(),
    temperature: z.number().min(0).max(1),
    /** How many times a `pause_turn` answer is continued within one execute (0 keeps the paused answer). */
    max_continuations: z.number().int().min(0).max(10),
  })
  .partial()
  .strict()
  .refine((o) => !(o.allowed_domains && o.blocked_domains), {
    message: 'allowed_domains and blocked_domains cannot both be set',
    path: ['allowed_domains'],
  });

export const claudeConfigSchema = z
  .object({
    ...basePlatformConfigShape,
    options: claudeOptionsSchema.optional(),
  })
  .strict();

export type ClaudeConfig = z.input<typeof claudeConfigSchema>;
export type ClaudeOptions = z.output<typeof claudeOptionsSchema>;

export interface ResolvedClaudeConfig {
  apiKey: string | undefined;
  baseUrl: string;
  model: string;
  timeoutMs: number;
  systemPrompt: string | undefined;
  options: ClaudeOptions;
  prices: z.output<typeof claudeConfigSchema>['prices'];
}

export function resolveClaudeConfig(
  config: Partial<ClaudeConfig> | undefined,
  env: Record<string, string | undefined> | undefined,
): ResolvedClaudeConfig {
  const merged = {
    ...config,
    apiKey: config?.apiKey ?? readEnv(env, CLAUDE_ENV.apiKey),
    baseUrl: config?.baseUrl ?? readEnv(env, CLAUDE_ENV.baseUrl),
    model: config?.model ?? readEnv(env, CLAUDE_ENV.model),
  };
  const parsed = parsePluginConfig('claude', claudeConfigSchema, merged);
  return {
    apiKey: parsed.apiKey,
    baseUrl: (parsed.baseUrl ?? CLAUDE_DEFAULT_BASE_URL).replace(/\/+$/, ''),
    model: parsed.model ?? CLAUDE_DEFAULT_MODEL,
    timeoutMs: parsed.timeoutMs ?? 300_000,
    systemPrompt: parsed.systemPrompt,
    options: parsed.options ?? {},
    prices: parsed.prices,
  };
}
