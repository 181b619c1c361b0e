/**
 * What a provider said about its rate limits on the last response (from `x-ratelimit-*`,
 * `anthropic-ratelimit-*`, `retry-after(-ms)` headers or a body like Gemini's `RetryInfo`).
 * Plugins fill it; the runner adapts its shared buckets to it.
 */
export interface RateLimitSnapshot {
  limitRequests?: number | null;
  remainingRequests?: number | null;
  /** Milliseconds until the request window resets. */
  resetRequestsMs?: number | null;
  limitTokens?: number | null;
  remainingTokens?: number | null;
  resetTokensMs?: number | null;
  /** Milliseconds the provider asked the caller to wait. */
  retryAfterMs?: number | null;
}

/** Hints a platform gives the runner about how fast it may be called. */
export interface RateLimitHints {
  /** Default requests per minute for one account; config can override. */
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  /** Calls in flight at once that the provider tolerates. */
  maxConcurrency?: number;
}
