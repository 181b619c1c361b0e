/** Error codes meaning the connection (not the statement) failed: the write can be tried again. */
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01', // admin_shutdown (pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up)
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

export function isConnectionError(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Runs a fenced write again when the connection dropped under it (a killed backend, a database
 * restart). Safe because every runner write is fenced: if the first try committed before the
 * connection dropped, the retry matches no row and reports "not accepted". Other errors are thrown.
 */
export async function retryOnConnectionError<T>(
  fn: () => Promise<T>,
  options: { tries?: number; firstDelayMs?: number; signal?: AbortSignal } = {},
): Promise<T> {
  const tries = options.tries ?? 8;
  let delay = options.firstDelayMs ?? 100;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= tries || !isConnectionError(error) || options.signal?.aborted) throw error;
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 5_000);
    }
  }
}
