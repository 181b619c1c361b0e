import type { RateLimitSnapshot } from '../contract/rate-limit.js';

/** Anything with a case-insensitive `get`, such as `Headers`, or a plain record. */
export type HeaderSource =
  | { get(name: string): string | null }
  | Record<string, string | string[] | undefined>;

export function readHeader(headers: HeaderSource | null | undefined, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null }).get(name);
  }
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return Array.isArray(value) ? (value[0] ?? null) : value;
  }
  return null;
}

const UNIT_MS: Record<string, number> = {
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  us: 0.001,
  µs: 0.001,
  ns: 1e-6,
};

/**
 * Parses a Go-style duration ("12ms", "6m0s", "1.378s", "1h2m") or a bare number of seconds
 * into milliseconds. Returns null when the text is not a duration.
 */
export function parseDurationMs(text: string | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  const value = text.trim();
  if (value === '') return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const pattern = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/gy;
  let total = 0;
  let consumed = 0;
  for (const match of value.matchAll(pattern)) {
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
    consumed += match[0].length;
  }
  return consumed === value.length && consumed > 0 ? Math.round(total) : null;
}

/** `retry-after-ms`, else `retry-after` in seconds or as an HTTP date. */
export function parseRetryAfterMs(headers: HeaderSource | null | undefined, now = Date.now()): number | null {
  const ms = readHeader(headers, 'retry-after-ms');
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms.trim()));
  const after = readHeader(headers, 'retry-after');
  if (after === null) return null;
  const trimmed = after.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function readNumber(headers: HeaderSource, name: string): number | null {
  const text = readHeader(headers, name);
  if (text === null || text.trim() === '') return null;
  const value = Number(text.trim());
  return Number.isFinite(value) ? value : null;
}

/** A reset header: a duration ("6m0s"), seconds, or an RFC 3339 timestamp (Anthropic). */
function readReset(headers: HeaderSource, name: string, now: number): number | null {
  const text = readHeader(headers, name);
  if (text === null) return null;
  const duration = parseDurationMs(text);
  if (duration !== null) return duration;
  const date = Date.parse(text.trim());
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * Reads `x-ratelimit-*` (OpenAI, Perplexity), `anthropic-ratelimit-*` and `retry-after(-ms)` headers.
 * Returns null when the response carried none of them.
 */
export function parseRateLimitHeaders(
  headers: HeaderSource | null | undefined,
  now = Date.now(),
): RateLimitSnapshot | null {
  if (!headers) return null;
  const snapshot: RateLimitSnapshot = {
    limitRequests:
      readNumber(headers, 'x-ratelimit-limit-requests') ??
      readNumber(headers, 'anthropic-ratelimit-requests-limit'),
    remainingRequests:
      readNumber(headers, 'x-ratelimit-remaining-requests') ??
      readNumber(headers, 'anthropic-ratelimit-requests-remaining'),
    resetRequestsMs:
      readReset(headers, 'x-ratelimit-reset-requests', now) ??
      readReset(headers, 'anthropic-ratelimit-requests-reset', now),
    limitTokens:
      readNumber(headers, 'x-ratelimit-limit-tokens') ??
      readNumber(headers, 'anthropic-ratelimit-tokens-limit'),
    remainingTokens:
      readNumber(headers, 'x-ratelimit-remaining-tokens') ??
      readNumber(headers, 'anthropic-ratelimit-tokens-remaining'),
    resetTokensMs:
      readReset(headers, 'x-ratelimit-reset-tokens', now) ??
      readReset(headers, 'anthropic-ratelimit-tokens-reset', now),
    retryAfterMs: parseRetryAfterMs(headers, now),
  };
  return Object.values(snapshot).some((v) => v !== null) ? snapshot : null;
}
