export interface BackoffPolicy {
  /** First retry delay before jitter (default 1 s). */
  baseMs: number;
  /** Largest computed delay (default 5 min). */
  capMs: number;
  /** A provider's retry-after is honoured up to this (default 15 min): huge values are not trusted. */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 1_000,
  capMs: 5 * 60_000,
  maxRetryAfterMs: 15 * 60_000,
};

/**
 * Capped exponential backoff with jitter (half fixed, half random), never shorter than what the
 * provider asked for in retry-after (itself capped).
 */
export function backoffDelay(
  attempt: number,
  retryAfterMs: number | null | undefined,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 20)));
  const jittered = exp / 2 + (exp / 2) * random();
  const asked = retryAfterMs && retryAfterMs > 0 ? Math.min(retryAfterMs, policy.maxRetryAfterMs) : 0;
  return Math.round(Math.max(jittered, asked));
}
