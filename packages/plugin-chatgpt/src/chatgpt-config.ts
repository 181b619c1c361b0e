import { basePlatformConfigShape, parsePluginConfig, readEnv } from '@citebots/sdk';
import { z } from 'zod';

export const CHATGPT_ENV = {
  apiKey: 'OPENAI_API_KEY',
  baseUrl: 'OPENAI_BASE_URL',
  model: 'OPENAI_MODEL',
} as const;

export const CHATGPT_DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const CHATGPT_DEFAULT_MODEL = 'gpt-4.1-mini';

const userLocationSchema = z
  .object({ country: z.string(), region: z.string(), city: z.string(), timezone: z.string() })
  .partial();

/** Options for the web search tool (Responses API) or `web_search_options` (Chat Completions search models). */
export const chatGptOptionsSchema = z
  .object({
    /** The Responses tool type; `web_search` is current, `web_search_preview` the older one. */
    tool: z.enum(['web_search', 'web_search_preview']),
    search_context_size: z.enum(['low', 'medium', 'high']),
    user_location: userLocationSchema,
    allowed_domains: z.array(z.string().min(1)).max(100),
    max_output_tokens: z.number().int().positive(),
    reasoning_effort: z.enum(['minimal', 'low', 'medium', 'high']),
    /** Ask for the consulted sources of each search (Responses API); on by default. */
    include_sources: z.boolean(),
  })
  .partial()
  .strict();

export const chatGptConfigSchema = z
  .object({
    ...basePlatformConfigShape,
    /** `responses` (default): Responses API with the web search tool; `chat`: Chat Completions search models. */
    api: z.enum(['responses', 'chat']).optional(),
    organization: z.string().min(1).optional(),
    project: z.string().min(1).optional(),
    options: chatGptOptionsSchema.optional(),
  })
  .strict();

export type ChatGptConfig = z.input<typeof chatGptConfigSchema>;
export type ChatGptOptions = z.output<typeof chatGptOptionsSchema>;

export interface ResolvedChatGptConfig {
  apiKey: string | undefined;
  baseUrl: string;
  model: string;
  api: 'responses' | 'chat';
  timeoutMs: number;
  systemPrompt: string | undefined;
  organization: string | undefined;
  project: string | undefined;
  options: ChatGptOptions;
  prices: z.output<typeof chatGptConfigSchema>['prices'];
}

export function resolveChatGptConfig(
  config: Partial<ChatGptConfig> | undefined,
  env: Record<string, string | undefined> | undefined,
): ResolvedChatGptConfig {
  const merged = {
    ...config,
    apiKey: config?.apiKey ?? readEnv(env, CHATGPT_ENV.apiKey),
    baseUrl: config?.baseUrl ?? readEnv(env, CHATGPT_ENV.baseUrl),
    model: config?.model ?? readEnv(env, CHATGPT_ENV.model),
  };
  const parsed = parsePluginConfig('chatgpt', chatGptConfigSchema, merged);
  return {
    apiKey: parsed.apiKey,
    baseUrl: (parsed.baseUrl ?? CHATGPT_DEFAULT_BASE_URL).replace(/\/+$/, ''),
    model: parsed.model ?? CHATGPT_DEFAULT_MODEL,
    api: parsed.api ?? 'responses',
    timeoutMs: parsed.timeoutMs ?? 180_000,
    systemPrompt: parsed.systemPrompt,
    organization: parsed.organization,
    project: parsed.project,
    options: parsed.options ?? {},
    prices: parsed.prices,
  };
}
