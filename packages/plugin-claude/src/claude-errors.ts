import {
  type HttpErrorInfo,
  httpError,
  type PlatformError,
  type PlatformErrorKind,
  parseRateLimitHeaders,
  transportError,
} from '@citebots/sdk';
import type { AnthropicSdk } from './anthropic-client.js';

const SPEND_LIMIT = /reached your (specified )?API usage limits|credit balance is too low|spend limit/i;

/** Maps an Anthropic error `{type:"error", error:{type,message,details?}, request_id}` to a PlatformError. */
export function mapAnthropicError(info: HttpErrorInfo): PlatformError {
  const body = (info.body && typeof info.body === 'object' ? info.body : {}) as {
    error?: { type?: unknown; message?: unknown; details?: { error_code?: unknown } | null };
    request_id?: unknown;
  };
  const type = typeof body.error?.type === 'string' ? body.error.type : null;
  const message = typeof body.error?.message === 'string' ? body.error.message : null;
  const errorCode =
    typeof body.error?.details?.error_code === 'string' ? body.error.details.error_code : null;
  let kind: PlatformErrorKind | undefined;
  if (errorCode === 'enforced_spend_limit_reached' || type === 'billing_error') kind = 'quota_exceeded';
  else if ((info.status === 400 || info.status === 429) && SPEND_LIMIT.test(message ?? ''))
    kind = 'quota_exceeded';
  else if (type === 'overloaded_error') kind = 'overloaded';
  else if (type === 'rate_limit_error') kind = 'rate_limited';
  else if (type === 'timeout_error') kind = 'timeout';
  const requestId = info.requestId ?? (typeof body.request_id === 'string' ? body.request_id : null);
  return httpError(
    { ...info, requestId },
    {
      kind,
      message,
      providerCode: errorCode ?? type,
      retryAfterMs: kind === 'quota_exceeded' ? null : undefined,
    },
  );
}

/** The `@anthropic-ai/sdk` error classes the client throws (from the lazily loaded module). */
export type AnthropicErrorClasses = Pick<
  AnthropicSdk,
  'APIError' | 'APIConnectionError' | 'APIConnectionTimeoutError' | 'APIUserAbortError'
>;

/**
 * Maps whatever the `@anthropic-ai/sdk` client threw: an `APIError` with a status becomes a mapped HTTP
 * error, an `APIConnectionTimeoutError`, `APIUserAbortError` or `APIConnectionError` a transport error
 * (timeout, cancelled or network); anything else goes through `transportError` too.
 */
export function mapAnthropicClientError(
  error: unknown,
  state: { callerSignal?: AbortSignal | undefined; timedOut: boolean; timeoutMs: number },
  sdk: AnthropicErrorClasses,
): PlatformError {
  if (error instanceof sdk.APIConnectionTimeoutError) {
    return transportError('claude', Object.assign(new Error('timeout'), { name: 'TimeoutError' }), state);
  }
  if (error instanceof sdk.APIUserAbortError) {
    // The plugin's timer or the caller aborted: transportError tells which from the state.
    if (state.callerSignal?.aborted || state.timedOut) return transportError('claude', error, state);
    return transportError('claude', Object.assign(new Error('aborted'), { name: 'AbortError' }), state);
  }
  if (error instanceof sdk.APIConnectionError) {
    return transportError('claude', error.cause ?? error, state);
  }
  if (error instanceof sdk.APIError && typeof error.status === 'number' && error.headers) {
    const { headers } = error;
    return mapAnthropicError({
      platform: 'claude',
      status: error.status,
      headers,
      body: error.error ?? null,
      text: '',
      requestId: error.requestID ?? headers.get('request-id'),
      rateLimit: parseRateLimitHeaders(headers),
    });
  }
  return transportError('claude', error, state);
}
