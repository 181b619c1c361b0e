import { startFakeHttpServer } from '../fake-http-server.js';
import { createProviderHandler } from './provider-handler.js';
import { RequestStats } from './request-stats.js';
import type { FakeProviderServer, FakeProviderServerOptions } from './types.js';

/**
 * Starts a local server on 127.0.0.1 that answers like Perplexity, OpenAI (Responses and Chat
 * Completions), Anthropic and Gemini, with deterministic simulated answers, per-key rate limits,
 * injected faults and request statistics. Every answer is marked as simulated.
 *
 * Routes (each with or without a `/v1` prefix, so base URLs with or without it work):
 * `POST /chat/completions` (Perplexity for `sonar*` models, OpenAI chat otherwise), `POST /sonar`,
 * `POST /responses`, `POST /messages`, `POST /v1beta/models/{model}:generateContent`,
 * `GET|HEAD /grounding-api-redirect/<token>` (302 to the page), `GET /health`.
 */
export async function startFakeProviderServer(
  options: FakeProviderServerOptions = {},
): Promise<FakeProviderServer> {
  const stats = new RequestStats(options.rateLimits?.windowMs ?? 60_000, options.recordRequests ?? 0);
  let url = '';
  const handler = createProviderHandler(options, stats, () => url);
  const http = await startFakeHttpServer((request, response) => handler.handle(request, response), {
    port: options.port ?? 0,
  });
  url = http.url;
  return {
    url: http.url,
    port: http.port,
    close: async () => {
      handler.dispose();
      await http.close();
    },
    stats: () => stats.snapshot(),
    reset: () => {
      stats.reset();
      handler.reset();
    },
  };
}
