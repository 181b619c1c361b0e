import {
  type HttpErrorInfo,
  httpError,
  type PlatformError,
  type PlatformErrorKind,
  parseDurationMs,
} from '@citebots/sdk';

interface GoogleErrorDetail {
  '@type'?: string;
  retryDelay?: string;
  reason?: string;
  violations?: { quotaId?: string }[];
}

/** Maps a Google API error `{error:{code,message,status,details[]}}` (RetryInfo, QuotaFailure, ErrorInfo). */
export function mapGeminiError(info: HttpErrorInfo): PlatformError {
  const body = (info.body && typeof info.body === 'object' ? info.body : {}) as {
    error?: { message?: unknown; status?: unknown; details?: unknown };
  };
  const message = typeof body.error?.message === 'string' ? body.error.message : null;
  const status = typeof body.error?.status === 'string' ? body.error.status : null;
  const details = (Array.isArray(body.error?.details) ? body.error.details : []) as GoogleErrorDetail[];
  const retryInfo = details.find((d) => d['@type']?.endsWith('google.rpc.RetryInfo'));
  const quotaIds = details
    .filter((d) => d['@type']?.endsWith('google.rpc.QuotaFailure'))
    .flatMap((d) => d.violations ?? [])
    .map((v) => v.quotaId ?? '');
  const reason = details.find((d) => d['@type']?.endsWith('google.rpc.ErrorInfo'))?.reason ?? null;
  let kind: PlatformErrorKind | undefined;
  if (reason === 'API_KEY_INVALID' || /API key not valid/i.test(message ?? '')) kind = 'authentication';
  else if (status === 'RESOURCE_EXHAUSTED' && quotaIds.some((q) => /PerDay/i.test(q)))
    kind = 'quota_exceeded';
  else if (status === 'RESOURCE_EXHAUSTED' || info.status === 429) kind = 'rate_limited';
  else if (info.status === 503 && /overloaded/i.test(message ?? '')) kind = 'overloaded';
  else if (status === 'DEADLINE_EXCEEDED') kind = 'timeout';
  const retryAfterMs =
    kind === 'quota_exceeded'
      ? null
      : (parseDurationMs(retryInfo?.retryDelay) ?? info.rateLimit?.retryAfterMs ?? null);
  return httpError(info, { kind, message, providerCode: reason ?? status, retryAfterMs });
}
