import {
  type HttpErrorInfo,
  httpError,
  type PlatformError,
  type PlatformErrorKind,
  parseRateLimitHeaders,
  transportError,
} from '@citebots/sdk';

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

/** Maps whatever the `@anthropic-ai/sdk` client threw. */
export function mapAnthropicClientError(
  error: unknown,
  state: { callerSignal?: AbortSignal | undefined; timedOut: boolean; timeoutMs: number },
): PlatformError {
  const e = error as {
    status?: unknown;
    headers?: unknown;
    error?: unknown;
    requestID?: string | null;
  } | null;
  if (e && typeof e === 'object' && typeof e.status === 'number' && e.headers instanceof Headers) {
    return mapAnthropicError({
      platform: 'claude',
      status: e.status,
      headers: e.headers,
      body: e.error ?? null,
      text: '',
      requestId: e.requestID ?? e.headers.get('request-id'),
      rateLimit: parseRateLimitHeaders(e.headers),
    });
  }
  const name = (error as { name?: string } | null)?.name;
  if (name === 'APIConnectionTimeoutError') {
    return transportError('claude', Object.assign(new Error('timeout'), { name: 'TimeoutError' }), state);
  }
  if (name === 'APIUserAbortError' && !state.callerSignal?.aborted && !state.timedOut) {
    return transportError('claude', Object.assign(new Error('aborted'), { name: 'AbortError' }), state);
  }
  const cause = (error as { cause?: unknown } | null)?.cause;
  return transportError('claude', name === 'APIConnectionError' && cause ? cause : error, state);
}
