import { type HttpErrorInfo, httpError, type PlatformError, type PlatformErrorKind } from '@citebots/sdk';

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
