import { type HttpErrorInfo, httpError, type PlatformError, type PlatformErrorKind } from '@citebots/sdk';

interface PerplexityErrorBody {
  error?: { message?: unknown; type?: unknown; code?: unknown } | string;
  detail?: unknown;
}

function describeDetail(detail: unknown): string | null {
  if (typeof detail === 'string') return detail;
  if (!Array.isArray(detail)) return null;
  return detail
    .map((d) => {
      const item = d as { loc?: unknown; msg?: unknown };
      const where = Array.isArray(item.loc) ? item.loc.join('.') : '';
      return `${where ? `${where}: ` : ''}${String(item.msg ?? 'invalid')}`;
    })
    .join('; ');
}

/** Maps Perplexity error answers: `{error:{message,type,code:int}}`, FastAPI `{detail:[...]}`, or an HTML page. */
export function mapPerplexityError(info: HttpErrorInfo): PlatformError {
  const body = (info.body && typeof info.body === 'object' ? info.body : {}) as PerplexityErrorBody;
  const error = typeof body.error === 'string' ? { message: body.error } : (body.error ?? {});
  const message =
    (typeof error.message === 'string' ? error.message : null) ??
    describeDetail(body.detail) ??
    (info.body === null && info.status === 401 ? 'the API key was rejected' : null);
  const type = typeof error.type === 'string' ? error.type : null;
  const providerCode = type ?? (error.code !== undefined && error.code !== null ? String(error.code) : null);
  let kind: PlatformErrorKind | undefined;
  const text = `${type ?? ''} ${message ?? ''}`.toLowerCase();
  if (
    /insufficient[_ ]quota|insufficient (credits|funds|balance)|credit balance|exceeded your (current )?quota/.test(
      text,
    )
  ) {
    kind = 'quota_exceeded';
  } else if (info.status === 400 && type === 'invalid_model') {
    kind = 'invalid_request';
  }
  return httpError(info, { kind, message, providerCode });
}
