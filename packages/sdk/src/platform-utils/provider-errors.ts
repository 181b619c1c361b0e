import type { RateLimitSnapshot } from '../contract/rate-limit.js';
import { PlatformError, type PlatformErrorKind } from '../errors/platform-error.js';
import { redactSecrets } from '../errors/redact.js';
import type { ResponseHeaders } from './http-post.js';

/** The usual kind for an HTTP error status; provider mappers refine it from the error body. */
export function kindForStatus(status: number): PlatformErrorKind {
  if (status === 401 || status === 403) return 'authentication';
  if (status === 402) return 'quota_exceeded';
  if (status === 404) return 'not_found';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status === 529) return 'overloaded';
  if (status >= 500) return 'server_error';
  return 'invalid_request';
}

/** A provider's error text made safe to show: secrets redacted, whitespace folded, shortened. */
export function safeMessage(text: string | null | undefined, max = 300): string {
  const folded = redactSecrets(String(text ?? ''))
    .replace(/\s+/g, ' ')
    .trim();
  return folded.length > max ? `${folded.slice(0, max - 3)}...` : folded;
}

/** "Please try again in 108ms" / "in 1.5s" / "in 20 seconds" in an error message, as milliseconds. */
export function retryDelayFromMessage(message: string | null | undefined): number | null {
  const match =
    /try again in\s+(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?)\b/i.exec(
      message ?? '',
    );
  if (!match) return null;
  const value = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  if (unit.startsWith('ms') || unit.startsWith('milli')) return Math.round(value);
  if (unit === 'm' || unit.startsWith('min')) return Math.round(value * 60_000);
  return Math.round(value * 1000);
}

export interface HttpErrorInfo {
  platform: string;
  status: number;
  /** The answer's headers (a `Headers` object satisfies this). */
  headers: ResponseHeaders;
  /** The parsed JSON error body, or null when the body was not JSON (an HTML page). */
  body: unknown;
  text: string;
  requestId: string | null;
  rateLimit: RateLimitSnapshot | null;
}

/** A PlatformError for a non-2xx answer with the kind from the status and the given details. */
export function httpError(
  info: HttpErrorInfo,
  details: {
    kind?: PlatformErrorKind;
    message?: string | null;
    providerCode?: string | null;
    retryAfterMs?: number | null;
  } = {},
): PlatformError {
  const message = details.message
    ? safeMessage(details.message)
    : info.body === null
      ? `HTTP ${info.status} with a non-JSON body`
      : `HTTP ${info.status}`;
  return new PlatformError(`${message} (HTTP ${info.status})`, {
    platform: info.platform,
    kind: details.kind ?? kindForStatus(info.status),
    status: info.status,
    providerCode: details.providerCode ?? null,
    retryAfterMs:
      details.retryAfterMs !== undefined ? details.retryAfterMs : (info.rateLimit?.retryAfterMs ?? null),
    rateLimit: info.rateLimit,
    requestId: info.requestId,
  });
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Maps an error thrown while sending a request or reading its body (not an HTTP status) to a PlatformError:
 * the caller's abort → `cancelled`, the timeout → `timeout`, connection failures → `network`.
 */
export function transportError(
  platform: string,
  error: unknown,
  state: { callerSignal?: AbortSignal | undefined; timedOut?: boolean; timeoutMs?: number },
): PlatformError {
  if (PlatformError.isPlatformError(error)) return error;
  if (state.callerSignal?.aborted) {
    return new PlatformError('the request was cancelled', { platform, kind: 'cancelled', cause: undefined });
  }
  const name = (error as { name?: string } | null)?.name;
  const code = errorCode(error);
  if (
    state.timedOut ||
    name === 'TimeoutError' ||
    code === 'ETIMEDOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    const after = state.timeoutMs ? ` after ${state.timeoutMs} ms` : '';
    return new PlatformError(`the request timed out${after}`, { platform, kind: 'timeout' });
  }
  if (name === 'AbortError') {
    return new PlatformError('the request was cancelled', { platform, kind: 'cancelled' });
  }
  const detail = code ?? safeMessage((error as Error | null)?.message ?? String(error), 120);
  return new PlatformError(`could not reach the provider (${detail})`, { platform, kind: 'network' });
}

/** A 2xx answer whose body could not be parsed or broke the expected schema. */
export function malformedResponse(
  platform: string,
  problem: string,
  extra: { status?: number; requestId?: string | null } = {},
): PlatformError {
  return new PlatformError(
    `the provider sent a response that could not be read: ${safeMessage(problem, 200)}`,
    {
      platform,
      kind: 'malformed_response',
      status: extra.status ?? null,
      requestId: extra.requestId ?? null,
    },
  );
}

/** The malformed_response error for a body its schema refused, naming the first problem (`choices: …`). */
export function malformedBody(
  platform: string,
  error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] },
  extra: { status?: number; requestId?: string | null } = {},
): PlatformError {
  const issue = error.issues[0];
  return malformedResponse(
    platform,
    `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
    extra,
  );
}
