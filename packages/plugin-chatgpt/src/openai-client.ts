import { nodeFetch } from '@citebots/sdk';
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

let loading: Promise<OpenAISdk> | undefined;

/**
 * Imports `openai` on first use, so a process that loads the plugin but never sends (a CLI listing
 * platforms, a config check) does not pay for the client's module graph.
 */
export function loadOpenAI(): Promise<OpenAISdk> {
  loading ??= import('openai').catch((error: unknown) => {
    loading = undefined; // a failed import is tried again on the next call
    throw error;
  });
  return loading;
}

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
