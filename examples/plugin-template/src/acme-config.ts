import { ConfigError } from '@citebots/sdk';
import { z } from 'zod';

/** The environment variables the plugin reads when the config does not say. */
export const ACME_ENV = { apiKey: 'ACME_API_KEY', baseUrl: 'ACME_BASE_URL', model: 'ACME_MODEL' } as const;
export const ACME_DEFAULT_BASE_URL = 'https://api.acme-answers.example';
export const ACME_DEFAULT_MODEL = 'acme-1';

/** What a user may write in the plugin's config. Every input a user writes goes through zod. */
export const acmeConfigSchema = z
  .object({
    apiKey: z.string().min(1).optional(),
    baseUrl: z
      .string()
      .url()
      .refine((v) => /^https?:\/\//.test(v), 'must start with http:// or https://')
      .optional(),
    model: z.string().min(1).optional(),
    timeoutMs: z.number().int().positive().optional(),
    /** Read by the Citebots runner (the CLI passes the whole `platforms.acme` object); ignored here. */
    requestsPerMinute: z.number().positive().optional(),
  })
  .strict();

export type AcmeConfig = z.input<typeof acmeConfigSchema>;

export interface AcmeSettings {
  apiKey: string | undefined;
  baseUrl: string;
  model: string;
  timeoutMs: number;
}

/** Config first, then the environment; an invalid value is a ConfigError naming the setting and the fix. */
export function resolveAcmeSettings(
  config: Partial<AcmeConfig> | undefined,
  env: Record<string, string | undefined>,
): AcmeSettings {
  const parsed = acmeConfigSchema.safeParse({
    ...config,
    apiKey: config?.apiKey ?? (env[ACME_ENV.apiKey] || undefined),
    baseUrl: config?.baseUrl ?? (env[ACME_ENV.baseUrl] || undefined),
    model: config?.model ?? (env[ACME_ENV.model] || undefined),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const setting = `acme.${issue.path.join('.')}`;
    throw new ConfigError(
      setting,
      `${setting} ${issue.message}.`,
      `correct ${setting} in the plugin config.`,
    );
  }
  return {
    apiKey: parsed.data.apiKey,
    baseUrl: (parsed.data.baseUrl ?? ACME_DEFAULT_BASE_URL).replace(/\/+$/, ''),
    model: parsed.data.model ?? ACME_DEFAULT_MODEL,
    timeoutMs: parsed.data.timeoutMs ?? 120_000,
  };
}
