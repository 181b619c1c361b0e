import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError, parseInput } from '@citebots/sdk/errors';
import { z } from 'zod';
import { DEFAULT_CONFIG_FILE } from './config-file-name.js';

const platformSettings = z
  .object({
    model: z.string().min(1).optional(),
    baseUrl: z.url().optional(),
    requestsPerMinute: z.number().positive().optional(),
  })
  .catchall(z.unknown());

/** `citebots.config.json`: optional project settings. Never put API keys here; use environment variables. */
export const cliConfigSchema = z
  .object({
    plugins: z.array(z.string().min(1)).default([]),
    platforms: z.record(z.string(), platformSettings).default({}),
    concurrency: z.number().int().min(1).max(256).optional(),
    dailySpendLimitUsd: z.number().positive().optional(),
    databaseUrl: z.string().optional(),
    dataDir: z.string().optional(),
  })
  .strict();

export type CliConfig = z.output<typeof cliConfigSchema>;

export { DEFAULT_CONFIG_FILE };

/** Reads the config file named by `--config`, or `citebots.config.json` in the working folder when present. */
export function loadCliConfig(path?: string): CliConfig {
  const file = resolve(path ?? DEFAULT_CONFIG_FILE);
  if (!existsSync(file)) {
    if (path) {
      throw new InputError(file, [
        {
          field: '',
          value: path,
          problem: 'does not exist',
          fix: 'pass the path of a citebots.config.json file, or leave --config out',
        },
      ]);
    }
    return cliConfigSchema.parse({});
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(file, [
      {
        field: '',
        value: '',
        problem: `is not valid JSON (${(error as Error).message})`,
        fix: 'correct the JSON syntax',
      },
    ]);
  }
  return parseInput(cliConfigSchema, data, file);
}
