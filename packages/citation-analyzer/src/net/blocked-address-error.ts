/** A URL's host is, or resolves to, an address the crawler refuses to connect to. */
export class BlockedAddressError extends Error {
  readonly code = 'ERR_CITEBOTS_BLOCKED_ADDRESS';

  constructor(message: string) {
    super(message);
    this.name = 'BlockedAddressError';
  }
}

/** Finds a BlockedAddressError anywhere in an error's cause chain (undici wraps socket errors). */
export function findBlockedAddressError(error: unknown): BlockedAddressError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth++) {
    if (current instanceof BlockedAddressError) return current;
    if (
      typeof current === 'object' &&
      (current as { code?: unknown }).code === 'ERR_CITEBOTS_BLOCKED_ADDRESS'
    ) {
      return current as BlockedAddressError;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
