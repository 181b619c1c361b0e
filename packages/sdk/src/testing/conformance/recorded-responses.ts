import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FakeProviderKind } from '../fake-provider/types.js';

/** Real recorded (or vendor-documented) response bodies, per wire format, in the shared reference folder. */
const RECORDED: Record<FakeProviderKind, string[]> = {
  perplexity: [
    'perplexity/pplx-docs_sonar-pro_chat-completion.json',
    'perplexity/vercel-ai_perplexity-citations.json',
  ],
  'openai-responses': [
    'openai-responses/vercel-ai_openai-web-search-tool.1.json',
    'openai-responses/vercel-ai_openai-web-search-tool.gpt-4o.2025-10.json',
    'openai-responses/vercel-ai_azure-web-search-preview-tool.1.json',
  ],
  'openai-chat': ['openai-chat-search/gpt-4o-search-preview_chat-completion.json'],
  anthropic: [
    'anthropic/vercel-ai_anthropic-web-search-tool.1.json',
    'anthropic/anthropic-docs_web-search-response-example.json',
  ],
  gemini: [
    'gemini/vertex_gemini-2.0-flash-001_google-search_multipart.json',
    'gemini/aiproxyswift_gemini-2.0-flash_google-search.json',
    'gemini/gemini-docs_google-search-example.json',
  ],
};

/**
 * The reference folder of real provider responses: `CITEBOTS_PROVIDER_FIXTURES`, or
 * `../shared/fixtures/providers` from the working folder or one of its parents. Null when absent.
 */
export function findProviderFixturesDir(): string | null {
  const fromEnv = process.env.CITEBOTS_PROVIDER_FIXTURES;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  let dir = process.cwd();
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, '..', 'shared', 'fixtures', 'providers');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

export interface RecordedResponse {
  name: string;
  /** Reads the body, with Google's grounding redirect host pointed at `localUrl` so nothing leaves the machine. */
  body(localUrl: string): string;
}

export function recordedResponses(provider: FakeProviderKind | undefined): RecordedResponse[] {
  const dir = findProviderFixturesDir();
  if (!dir || !provider) return [];
  return RECORDED[provider]
    .filter((file) => existsSync(join(dir, file)))
    .map((file) => ({
      name: file,
      body: (localUrl) =>
        readFileSync(join(dir, file), 'utf8').replaceAll('https://vertexaisearch.cloud.google.com', localUrl),
    }));
}
