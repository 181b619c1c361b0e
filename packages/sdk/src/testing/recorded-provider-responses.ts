import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findProviderFixturesDir } from './conformance/recorded-responses.js';

/** One recorded response of the shared reference folder, parsed. */
export interface RecordedProviderResponse {
  /** The file name (`pplx-docs_sonar-pro_chat-completion.json`). */
  name: string;
  path: string;
  // biome-ignore lint/suspicious/noExplicitAny: a recorded body is whatever the provider sent; tests walk it freely
  body: any;
}

/**
 * The real recorded responses of one provider folder of `../shared/fixtures/providers` (`perplexity`,
 * `anthropic`, `openai-responses`, …): its JSON files, request bodies (names containing `request`) left
 * out, sorted by name. Empty when the reference folder or the provider folder is absent, so a test can
 * `describe.skipIf(files.length === 0)`.
 */
export async function recordedProviderResponses(providerDir: string): Promise<RecordedProviderResponse[]> {
  const root = findProviderFixturesDir();
  if (!root) return [];
  const dir = join(root, providerDir);
  const names = await readdir(dir).catch(() => [] as string[]);
  const files = names.filter((name) => name.endsWith('.json') && !name.includes('request')).sort();
  return Promise.all(
    files.map(async (name) => {
      const path = join(dir, name);
      return { name, path, body: JSON.parse(await readFile(path, 'utf8')) };
    }),
  );
}
