import { type ErrorCase, type ErrorReply, providerError } from './provider-errors.js';
import { simulateAnswer } from './simulated-answer.js';
import { renderSuccess } from './success-reply.js';
import type { FakeProviderKind } from './types.js';

export interface FakeResponseOptions {
  question: string;
  model?: string;
  brands?: string[];
  domains?: string[];
  label?: boolean;
  seed?: number;
  /** Base of Gemini grounding redirect links (default `http://127.0.0.1`). */
  serverUrl?: string;
  /** The request body, for options that change the answer (Perplexity's search context size). */
  body?: Record<string, unknown>;
}

const DEFAULT_MODELS: Record<FakeProviderKind, string> = {
  perplexity: 'sonar-pro',
  'openai-responses': 'gpt-5-mini',
  'openai-chat': 'gpt-5-search-api',
  anthropic: 'claude-sonnet-4-6',
  gemini: 'gemini-2.5-flash',
};

/**
 * The body the fake provider server would send for this question, without a server: a fixture in the
 * provider's real format for parser unit tests. Deterministic for the same options.
 */
export function buildFakeResponse(provider: FakeProviderKind, options: FakeResponseOptions): unknown {
  const answer = simulateAnswer(options.question, provider, {
    brands: options.brands ?? ['Brand A', 'Brand B', 'Brand C'],
    domains: options.domains ?? ['example.com', 'example.org', 'example.net'],
    label: options.label ?? true,
    seed: options.seed ?? 0,
  });
  const text = renderSuccess(provider, {
    model: options.model ?? DEFAULT_MODELS[provider],
    question: options.question,
    answer,
    serverUrl: options.serverUrl ?? 'http://127.0.0.1',
    id: `fixture${(options.seed ?? 0).toString(16)}`,
    created: 1_780_000_000,
    body: options.body ?? {},
  });
  return JSON.parse(text) as unknown;
}

export type FakeErrorKind =
  | 'rate_limit'
  | 'quota'
  | 'server'
  | 'overloaded'
  | 'auth'
  | 'bad_request'
  | 'not_found';

/** The status, headers and body text a provider sends for an error, as the fake server sends them. */
export function buildFakeErrorResponse(
  provider: FakeProviderKind,
  kind: FakeErrorKind,
  options: { retryAfterMs?: number; limit?: number; message?: string; model?: string } = {},
): ErrorReply {
  const message = options.message ?? 'Simulated error from the Citebots fake provider.';
  const c: ErrorCase =
    kind === 'rate_limit'
      ? { kind, retryAfterMs: options.retryAfterMs ?? 1000, limit: options.limit ?? 60 }
      : kind === 'auth'
        ? { kind, echoKey: null }
        : kind === 'bad_request' || kind === 'not_found'
          ? { kind, message }
          : { kind };
  return providerError(provider, c, options.model ?? DEFAULT_MODELS[provider], 'req_fixture');
}
