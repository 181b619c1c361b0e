import type { Anthropic } from '@anthropic-ai/sdk';
import { importOnFirstUse, nodeFetch } from '@citebots/sdk';

/** The `@anthropic-ai/sdk` module: its client class and its error classes. */
export type AnthropicSdk = typeof import('@anthropic-ai/sdk');

export interface AnthropicClientSettings {
  apiKey: string;
  baseUrl: string;
  timeoutMs: number;
}

/** Imports `@anthropic-ai/sdk` on first use (see `importOnFirstUse`). */
export const loadAnthropic = importOnFirstUse<AnthropicSdk>(() => import('@anthropic-ai/sdk'));

/**
 * An official Anthropic client for one platform: the configured key only (never an ANTHROPIC_AUTH_TOKEN
 * from the environment), the configured base URL, no retries of its own (the runner retries), and the
 * SDK's node:http(s) `fetch` (no undici parser).
 */
export function createAnthropicClient(sdk: AnthropicSdk, settings: AnthropicClientSettings): Anthropic {
  return new sdk.Anthropic({
    apiKey: settings.apiKey,
    authToken: null,
    baseURL: settings.baseUrl,
    maxRetries: 0,
    // The plugin's own timer decides; the client's is a backstop.
    timeout: settings.timeoutMs + 5000,
    fetch: nodeFetch,
  });
}
