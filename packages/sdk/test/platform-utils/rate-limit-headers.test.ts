import { describe, expect, it } from 'vitest';
import { parseDurationMs, parseRateLimitHeaders, parseRetryAfterMs } from '../../src/platform-utils/index.js';

describe('parseDurationMs', () => {
  it('reads Go-style durations and bare seconds', () => {
    expect(parseDurationMs('12ms')).toBe(12);
    expect(parseDurationMs('1s')).toBe(1000);
    expect(parseDurationMs('1.378s')).toBe(1378);
    expect(parseDurationMs('6m0s')).toBe(360_000);
    expect(parseDurationMs('1h2m3s')).toBe(3_723_000);
    expect(parseDurationMs('34.4s')).toBe(34_400);
    expect(parseDurationMs('20')).toBe(20_000);
  });

  it('returns null for text that is not a duration', () => {
    expect(parseDurationMs('soon')).toBeNull();
    expect(parseDurationMs('12 parsecs')).toBeNull();
    expect(parseDurationMs('')).toBeNull();
    expect(parseDurationMs(null)).toBeNull();
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-11-29T04:00:00Z');
  it('prefers retry-after-ms, then seconds, then an HTTP date', () => {
    expect(parseRetryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
    expect(parseRetryAfterMs(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(parseRetryAfterMs({ 'Retry-After': 'Sun, 29 Nov 2026 04:00:30 GMT' }, now)).toBe(30_000);
    expect(parseRetryAfterMs(new Headers(), now)).toBeNull();
    expect(parseRetryAfterMs(new Headers({ 'retry-after': 'later' }), now)).toBeNull();
  });
});

describe('parseRateLimitHeaders', () => {
  const now = Date.parse('2026-11-29T04:00:00Z');
  it('reads OpenAI-style headers with duration resets', () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '5000',
      'x-ratelimit-remaining-requests': '4999',
      'x-ratelimit-reset-requests': '12ms',
      'x-ratelimit-limit-tokens': '200000',
      'x-ratelimit-remaining-tokens': '0',
      'x-ratelimit-reset-tokens': '6m0s',
      'retry-after': '1',
    });
    expect(parseRateLimitHeaders(headers, now)).toEqual({
      limitRequests: 5000,
      remainingRequests: 4999,
      resetRequestsMs: 12,
      limitTokens: 200_000,
      remainingTokens: 0,
      resetTokensMs: 360_000,
      retryAfterMs: 1000,
    });
  });

  it('reads Anthropic headers with RFC 3339 resets', () => {
    const snapshot = parseRateLimitHeaders(
      {
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '0',
        'anthropic-ratelimit-requests-reset': '2026-11-29T04:00:12Z',
        'anthropic-ratelimit-tokens-limit': '40000',
        'anthropic-ratelimit-tokens-remaining': '39000',
        'anthropic-ratelimit-tokens-reset': '2026-11-29T04:01:00Z',
      },
      now,
    );
    expect(snapshot).toMatchObject({
      limitRequests: 50,
      remainingRequests: 0,
      resetRequestsMs: 12_000,
      limitTokens: 40_000,
      remainingTokens: 39_000,
      resetTokensMs: 60_000,
      retryAfterMs: null,
    });
  });

  it('returns null when no rate-limit header is present', () => {
    expect(parseRateLimitHeaders(new Headers({ 'content-type': 'application/json' }), now)).toBeNull();
  });
});
