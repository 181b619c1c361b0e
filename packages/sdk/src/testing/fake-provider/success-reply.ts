import { renderAnthropic } from './formats/anthropic.js';
import { renderGemini } from './formats/gemini.js';
import { renderOpenAIChat } from './formats/openai-chat.js';
import { renderOpenAIResponses } from './formats/openai-responses.js';
import { renderPerplexity } from './formats/perplexity.js';
import type { RenderContext } from './formats/render-context.js';
import type { RateDecision } from './rate-limiter.js';
import type { FakeProviderKind } from './types.js';

const RENDERERS: Record<FakeProviderKind, (ctx: RenderContext) => unknown> = {
  perplexity: renderPerplexity,
  'openai-responses': renderOpenAIResponses,
  'openai-chat': renderOpenAIChat,
  anthropic: renderAnthropic,
  gemini: renderGemini,
};

export function renderSuccess(provider: FakeProviderKind, ctx: RenderContext): string {
  return JSON.stringify(RENDERERS[provider](ctx));
}

/** Headers a provider sends with a normal answer: its request id and rate-limit state. */
export function successHeaders(
  provider: FakeProviderKind,
  requestId: string,
  rate: RateDecision | null,
): Record<string, string> {
  const headers: Record<string, string> = { 'x-citebots-simulated': 'true' };
  if (provider === 'anthropic') {
    headers['request-id'] = requestId;
    if (rate) {
      headers['anthropic-ratelimit-requests-limit'] = String(rate.limit);
      headers['anthropic-ratelimit-requests-remaining'] = String(rate.remaining);
      headers['anthropic-ratelimit-requests-reset'] = new Date(Date.now() + rate.resetMs).toISOString();
    }
  } else if (provider === 'openai-responses' || provider === 'openai-chat') {
    headers['x-request-id'] = requestId;
    if (rate) {
      headers['x-ratelimit-limit-requests'] = String(rate.limit);
      headers['x-ratelimit-remaining-requests'] = String(rate.remaining);
      headers['x-ratelimit-reset-requests'] = `${Math.ceil(rate.resetMs)}ms`;
    }
  }
  return headers;
}
