import { type HttpErrorInfo, httpError, type PlatformError } from '@citebots/sdk';

/**
 * Maps an Acme error answer (`{ error: { type, message } }`) to a PlatformError. The status gives the
 * usual kind (429 → rate_limited, 5xx → server_error, 401 → authentication); the body refines it:
 * a hard quota must become `quota_exceeded` so the runner stops calling this account.
 * `httpError` redacts secrets from the message and keeps `retry-after` as `retryAfterMs`.
 */
export function mapAcmeError(info: HttpErrorInfo): PlatformError {
  const error = (info.body as { error?: { type?: unknown; message?: unknown } } | null)?.error;
  const type = typeof error?.type === 'string' ? error.type : null;
  const message = typeof error?.message === 'string' ? error.message : null;
  return httpError(info, {
    kind: type === 'quota_exceeded' ? 'quota_exceeded' : undefined,
    message,
    providerCode: type,
  });
}
