import type { RateLimitSnapshot } from '../contract/rate-limit.js';
import { CitebotsError } from './citebots-error.js';

export type PlatformErrorKind =
  | 'rate_limited'
  | 'quota_exceeded'
  | 'authentication'
  | 'invalid_request'
  | 'not_found'
  | 'server_error'
  | 'overloaded'
  | 'timeout'
  | 'network'
  | 'malformed_response'
  | 'cancelled';

const RETRYABLE: Record<PlatformErrorKind, boolean> = {
  rate_limited: true,
  quota_exceeded: false,
  authentication: false,
  invalid_request: false,
  not_found: false,
  server_error: true,
  overloaded: true,
  timeout: true,
  network: true,
  malformed_response: true,
  cancelled: false,
};

export interface PlatformErrorOptions {
  platform: string;
  kind: PlatformErrorKind;
  status?: number | null;
  /** The provider's own error code or type (`insufficient_quota`, `overloaded_error`...). */
  providerCode?: string | null;
  /** How long the provider asked us to wait, in milliseconds. */
  retryAfterMs?: number | null;
  rateLimit?: RateLimitSnapshot | null;
  requestId?: string | null;
  cause?: unknown;
}

/**
 * A call to an answer engine failed. Plugins map every provider error body to one of these;
 * the runner decides from `isRetryable`, `retryAfterMs` and `stopsPlatform` what happens next.
 */
export class PlatformError extends CitebotsError {
  readonly platform: string;
  readonly kind: PlatformErrorKind;
  readonly status: number | null;
  readonly providerCode: string | null;
  readonly retryAfterMs: number | null;
  readonly rateLimit: RateLimitSnapshot | null;
  readonly requestId: string | null;

  constructor(message: string, options: PlatformErrorOptions) {
    super(`platform_${options.kind}`, `${options.platform}: ${message}`, {
      cause: options.cause,
      isRetryable: RETRYABLE[options.kind],
      details: {
        platform: options.platform,
        kind: options.kind,
        status: options.status ?? null,
        providerCode: options.providerCode ?? null,
        retryAfterMs: options.retryAfterMs ?? null,
        requestId: options.requestId ?? null,
      },
    });
    this.platform = options.platform;
    this.kind = options.kind;
    this.status = options.status ?? null;
    this.providerCode = options.providerCode ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.rateLimit = options.rateLimit ?? null;
    this.requestId = options.requestId ?? null;
  }

  /** A hard quota or spend cap: every later call to this platform account fails the same way. */
  get stopsPlatform(): boolean {
    return this.kind === 'quota_exceeded' || this.kind === 'authentication';
  }

  static isPlatformError(value: unknown): value is PlatformError {
    return (
      CitebotsError.isInstance(value) &&
      typeof (value as PlatformError).kind === 'string' &&
      'platform' in value
    );
  }
}
