import { importOnFirstUse, nodeFetch } from '@citebots/sdk';
import type { OpenAI } from 'openai';

/** The `openai` module: its client class and its error classes. */
export type OpenAISdk = typeof import('openai');

export interface OpenAIClientSettings {
  apiKey: string;
  baseUrl: string;
  organization?: string | undefined;
  project?: string | undefined;
  timeoutMs: number;
}

/** Imports `openai` on first use (see `importOnFirstUse`). */
export const loadOpenAI = importOnFirstUse<OpenAISdk>(() => import('openai'));

/**
 * An official OpenAI client for one platform: the configured base URL, organization and project, no
 * retries of its own (the runner retries), and the SDK's node:http(s) `fetch` (no undici parser).
 */
export function createOpenAIClient(sdk: OpenAISdk, settings: OpenAIClientSettings): OpenAI {
  return new sdk.OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseUrl,
    organization: settings.organization ?? null,
    project: settings.project ?? null,
    maxRetries: 0,
    // The plugin's own timer decides; the client's is a backstop.
    timeout: settings.timeoutMs + 5000,
    fetch: nodeFetch,
  });
}
