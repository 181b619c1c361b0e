const MARKER = Symbol.for('citebots.error');

export interface CitebotsErrorOptions {
  cause?: unknown;
  isRetryable?: boolean;
  /** Extra, secret-free details kept with the error (stored in `error_details`). */
  details?: Record<string, unknown>;
}

/**
 * Root of every error Citebots throws on purpose. `isRetryable` tells the runner, the only
 * layer that retries, whether another attempt can succeed. `isInstance` works across
 * duplicated copies of the package (a plugin bundling its own SDK copy).
 */
export class CitebotsError extends Error {
  readonly [MARKER] = true;
  readonly code: string;
  readonly isRetryable: boolean;
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, options: CitebotsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.isRetryable = options.isRetryable ?? false;
    this.details = options.details ?? {};
  }

  static isInstance(value: unknown): value is CitebotsError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      isRetryable: this.isRetryable,
      details: this.details,
    };
  }
}
