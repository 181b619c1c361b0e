import type { AnalysisPlatform, ExecutionContext } from '../contract/analysis-platform.js';
import { ConfigError } from '../errors/config-error.js';
import { vitestApi } from './vitest-api.js';

const CONTEXT: ExecutionContext = {
  client: { name: 'Acme', domain: 'acme.example', aliases: [], competitors: [], keywords: [] },
};

/**
 * Checks a platform created without an API key: `validateConfig` names `envVar` first, and `execute`
 * rejects with a ConfigError whose message names it.
 */
export async function expectMissingKeyRefused(platform: AnalysisPlatform, envVar: string): Promise<void> {
  const { expect } = vitestApi();
  expect(platform.validateConfig().problems[0]!.setting).toBe(envVar);
  const error = await platform.execute({ id: 'q', text: 'a question' }, CONTEXT).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as Error).message).toContain(envVar);
}
