import { z } from 'zod';
import { ConfigError } from '../errors/config-error.js';

/** Price overrides a user may give: per model, any subset of the prices. */
export const modelPriceOverrideSchema = z
  .object({
    inputPerMTok: z.number().nonnegative(),
    outputPerMTok: z.number().nonnegative(),
    cachedInputPerMTok: z.number().nonnegative(),
    searchPer1k: z.number().nonnegative(),
    requestPer1k: z.number().nonnegative(),
  })
  .partial()
  .passthrough();

export const priceOverridesSchema = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-01')
    .optional(),
  models: z.record(z.string(), modelPriceOverrideSchema).optional(),
});

/** Settings every platform plugin accepts. */
export const basePlatformConfigShape = {
  apiKey: z.string().min(1).optional(),
  baseUrl: z
    .string()
    .url('must be an http(s) URL')
    .refine((v) => /^https?:\/\//i.test(v), 'must start with http:// or https://')
    .optional(),
  model: z.string().min(1).optional(),
  timeoutMs: z.number().int().positive().max(3_600_000).optional(),
  prices: priceOverridesSchema.optional(),
  /** An optional system prompt sent with every question (none by default, to ask as a user would). */
  systemPrompt: z.string().min(1).optional(),
};

/**
 * Validates plugin config with a zod schema; the first problem becomes a ConfigError naming the setting
 * (`<platform>.<path>`) and how to fix it.
 */
export function parsePluginConfig<S extends z.ZodType>(
  platform: string,
  schema: S,
  input: unknown,
): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String).join('.');
  const setting = path ? `${platform}.${path}` : platform;
  throw new ConfigError(
    setting,
    `Invalid ${platform} setting "${setting}": ${issue.message}.`,
    `correct "${setting}" in the ${platform} platform config (see the plugin README for allowed values).`,
  );
}

/** The first non-empty value among environment variables. */
export function readEnv(
  env: Record<string, string | undefined> | undefined,
  ...names: string[]
): string | undefined {
  for (const name of names) {
    const value = env?.[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/** The ConfigError `execute` throws when no API key is configured. */
export function missingApiKeyError(platform: string, envVar: string): ConfigError {
  return new ConfigError(
    envVar,
    `No API key for ${platform}: ${envVar} is not set.`,
    `set ${envVar} in the environment (or pass apiKey in the ${platform} platform config).`,
  );
}

/** A trailing-slash-free base URL. */
export function trimBaseUrl(url: string): string {
  return url.replace(/\/+$/, '');
}
