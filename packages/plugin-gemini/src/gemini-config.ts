import { basePlatformConfigShape, parsePluginConfig, readEnv } from '@citebots/sdk';
import { z } from 'zod';

export const GEMINI_ENV = {
  apiKey: 'GEMINI_API_KEY',
  baseUrl: 'GEMINI_BASE_URL',
  model: 'GEMINI_MODEL',
} as const;

/** Also accepted for the key, after GEMINI_API_KEY. */
export const GEMINI_ALT_API_KEY_ENV = 'GOOGLE_API_KEY';
export const GEMINI_DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';
export const GEMINI_DEFAULT_MODEL = 'gemini-2.5-flash';
export const GEMINI_DEFAULT_REDIRECT_HOST = 'vertexaisearch.cloud.google.com';

/** Turns a grounding redirect URL into the page URL; must never throw for a failed lookup (return the input). */
export type GroundingUrlResolver = (url: string, signal: AbortSignal) => Promise<string>;

export const geminiOptionsSchema = z
  .object({
    max_output_tokens: z.number().int().positive(),
    temperature: z.number().min(0).max(2),
    /** Thinking budget in tokens for 2.5 models (0 turns thinking off where the model allows). */
    thinking_budget: z.number().int().min(-1),
  })
  .partial()
  .strict();

export const geminiConfigSchema = z
  .object({
    ...basePlatformConfigShape,
    options: geminiOptionsSchema.optional(),
    /** Resolve grounding redirect links to the pages they point to (HEAD, no page download). Default true. */
    resolveRedirects: z.boolean().optional(),
    /** Host whose links are grounding redirects. */
    redirectHost: z.string().min(1).optional(),
    redirectTimeoutMs: z.number().int().positive().max(60_000).optional(),
    /** Replace the built-in HEAD resolver (tests, caches). */
    resolveUrl: z
      .custom<GroundingUrlResolver>((v) => typeof v === 'function', 'must be a function')
      .optional(),
  })
  .strict();

export type GeminiConfig = z.input<typeof geminiConfigSchema>;
export type GeminiOptions = z.output<typeof geminiOptionsSchema>;

export interface ResolvedGeminiConfig {
  apiKey: string | undefined;
  apiKeyEnv: string;
  baseUrl: string;
  model: string;
  timeoutMs: number;
  systemPrompt: string | undefined;
  options: GeminiOptions;
  resolveRedirects: boolean;
  redirectHost: string;
  redirectTimeoutMs: number;
  resolveUrl: GroundingUrlResolver | undefined;
  prices: z.output<typeof geminiConfigSchema>['prices'];
}

function envBoolean(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  return !/^(0|false|no|off)$/i.test(value);
}

/** Settings from config, then env: GEMINI_API_KEY (or GOOGLE_API_KEY), GEMINI_BASE_URL, GEMINI_MODEL, GEMINI_RESOLVE_REDIRECTS, GEMINI_REDIRECT_HOST. */
export function resolveGeminiConfig(
  config: Partial<GeminiConfig> | undefined,
  env: Record<string, string | undefined> | undefined,
): ResolvedGeminiConfig {
  const merged = {
    ...config,
    apiKey: config?.apiKey ?? readEnv(env, GEMINI_ENV.apiKey, GEMINI_ALT_API_KEY_ENV),
    baseUrl: config?.baseUrl ?? readEnv(env, GEMINI_ENV.baseUrl),
    model: config?.model ?? readEnv(env, GEMINI_ENV.model),
    resolveRedirects: config?.resolveRedirects ?? envBoolean(readEnv(env, 'GEMINI_RESOLVE_REDIRECTS')),
    redirectHost: config?.redirectHost ?? readEnv(env, 'GEMINI_REDIRECT_HOST'),
  };
  const parsed = parsePluginConfig('gemini', geminiConfigSchema, merged);
  return {
    apiKey: parsed.apiKey,
    apiKeyEnv: GEMINI_ENV.apiKey,
    baseUrl: (parsed.baseUrl ?? GEMINI_DEFAULT_BASE_URL).replace(/\/+$/, ''),
    model: (parsed.model ?? GEMINI_DEFAULT_MODEL).replace(/^models\//, ''),
    timeoutMs: parsed.timeoutMs ?? 180_000,
    systemPrompt: parsed.systemPrompt,
    options: parsed.options ?? {},
    resolveRedirects: parsed.resolveRedirects ?? true,
    redirectHost: parsed.redirectHost ?? GEMINI_DEFAULT_REDIRECT_HOST,
    redirectTimeoutMs: parsed.redirectTimeoutMs ?? 5000,
    resolveUrl: parsed.resolveUrl,
    prices: parsed.prices,
  };
}
