import {
  type HttpErrorInfo,
  httpError,
  PlatformError,
  type PlatformErrorKind,
  parseRateLimitHeaders,
  retryDelayFromMessage,
  safeMessage,
  transportError,
} from '@citebots/sdk';
import type { OpenAISdk } from './openai-client.js';

const QUOTA_CODES = new Set(['insufficient_quota', 'credit_balance_exhausted', 'billing_hard_limit_reached']);

/** Maps an OpenAI error answer `{error:{message,type,param,code}}` to a PlatformError. */
export function mapOpenAIError(info: HttpErrorInfo): PlatformError {
  const body = (info.body && typeof info.body === 'object' ? info.body : {}) as { error?: unknown };
  const error = (body.error && typeof body.error === 'object' ? body.error : {}) as {
    message?: unknown;
    type?: unknown;
    code?: unknown;
  };
  const message = typeof error.message === 'string' ? error.message : null;
  const type = typeof error.type === 'string' ? error.type : null;
  const code = typeof error.code === 'string' ? error.code : null;
  let kind: PlatformErrorKind | undefined;
  if ((type && QUOTA_CODES.has(type)) || (code && QUOTA_CODES.has(code))) kind = 'quota_exceeded';
  else if (info.status === 503 && /overloaded|slow down/i.test(message ?? '')) kind = 'overloaded';
  const retryAfterMs =
    kind === 'quota_exceeded'
      ? null
      : (info.rateLimit?.retryAfterMs ?? (info.status === 429 ? retryDelayFromMessage(message) : null));
  return httpError(info, {
    kind,
    message,
    providerCode: code ?? type,
    retryAfterMs,
  });
}

/** The `openai` error classes the client throws (from the lazily loaded module). */
export type OpenAIErrorClasses = Pick<
  OpenAISdk,
  'APIError' | 'APIConnectionError' | 'APIConnectionTimeoutError' | 'APIUserAbortError'
>;

/**
 * Maps whatever the `openai` client threw: an `APIError` with a status becomes a mapped HTTP error, an
 * `APIConnectionTimeoutError`, `APIUserAbortError` or `APIConnectionError` a transport error (timeout,
 * cancelled or network); anything else (a bug, a failed import) goes through `transportError` too.
 */
export function mapOpenAIClientError(
  error: unknown,
  state: { callerSignal?: AbortSignal | undefined; timedOut: boolean; timeoutMs: number },
  sdk: OpenAIErrorClasses,
): PlatformError {
  if (error instanceof sdk.APIConnectionTimeoutError) {
    return transportError('chatgpt', Object.assign(new Error('timeout'), { name: 'TimeoutError' }), state);
  }
  if (error instanceof sdk.APIUserAbortError) {
    // The plugin's timer or the caller aborted: transportError tells which from the state.
    if (state.callerSignal?.aborted || state.timedOut) return transportError('chatgpt', error, state);
    return transportError('chatgpt', Object.assign(new Error('aborted'), { name: 'AbortError' }), state);
  }
  if (error instanceof sdk.APIConnectionError) {
    return transportError('chatgpt', error.cause ?? error, state);
  }
  if (error instanceof sdk.APIError && typeof error.status === 'number' && error.headers) {
    const { headers } = error;
    return mapOpenAIError({
      platform: 'chatgpt',
      status: error.status,
      headers,
      body: error.error === undefined ? null : { error: error.error },
      text: '',
      requestId: error.requestID ?? headers.get('x-request-id'),
      rateLimit: parseRateLimitHeaders(headers),
    });
  }
  return transportError('chatgpt', error, state);
}

/** A Responses body with `status: "failed"` and an `error` object, sent with HTTP 200. */
export function failedResponseError(error: unknown, requestId: string | null): PlatformError {
  const e = (error && typeof error === 'object' ? error : {}) as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : null;
  const kind: PlatformErrorKind =
    code === 'rate_limit_exceeded'
      ? 'rate_limited'
      : code && QUOTA_CODES.has(code)
        ? 'quota_exceeded'
        : code === 'invalid_prompt'
          ? 'invalid_request'
          : 'server_error';
  const message = typeof e.message === 'string' ? e.message : 'the response failed';
  return new PlatformError(`${safeMessage(message)} (response status failed)`, {
    platform: 'chatgpt',
    kind,
    status: 200,
    providerCode: code,
    requestId,
  });
}
