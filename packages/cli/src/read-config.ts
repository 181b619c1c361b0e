import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliConfig } from './config-file.js';
import { DEFAULT_CONFIG_FILE } from './config-file-name.js';

/** What an absent citebots.config.json means (the schema's defaults), built without loading zod. */
export function defaultCliConfig(): CliConfig {
  return { plugins: [], platforms: {} };
}

/**
 * The config file for a command: the defaults when there is none (the common case, kept free of
 * the validation code so that commands start fast), else the validated file.
 */
export async function readCliConfig(path?: string): Promise<CliConfig> {
  if (!path && !existsSync(resolve(DEFAULT_CONFIG_FILE))) return defaultCliConfig();
  const { loadCliConfig } = await import('./config-file.js');
  return loadCliConfig(path);
}
