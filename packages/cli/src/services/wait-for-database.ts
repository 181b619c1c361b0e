import { setTimeout as sleep } from 'node:timers/promises';
import { isConnectionError } from '@citebots/sdk';

export interface WaitForDatabaseOptions {
  /** Stops the waiting (the last error is thrown). */
  signal: AbortSignal;
  /** A line for people (stderr) before each new try. */
  note: (message: string) => void;
  /** How long to keep trying (default 60 s). */
  maxWaitMs?: number;
  /** The first pause; each next one doubles, up to 5 s (default 250 ms). */
  firstDelayMs?: number;
}

/**
 * Opens the database for a long-running process (the worker), waiting for it when the connection
 * itself fails: refused (the server is starting or restarting), cut by the server (a terminated
 * backend), or not yet accepting connections. Any other error (a wrong password, a missing
 * database, a locked embedded folder) is thrown at once, as is the last connection error once
 * `maxWaitMs` has passed or `signal` aborts.
 */
export async function waitForDatabase<T>(
  open: () => Promise<T>,
  options: WaitForDatabaseOptions,
): Promise<T> {
  const deadline = Date.now() + (options.maxWaitMs ?? 60_000);
  let delay = options.firstDelayMs ?? 250;
  for (;;) {
    try {
      return await open();
    } catch (error) {
      if (!isConnectionError(error) || options.signal.aborted || Date.now() + delay > deadline) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      options.note(`citebots worker: ${reason} Trying again in ${(delay / 1000).toFixed(1)} s.`);
      await sleep(delay, undefined, { signal: options.signal }).catch(() => {}); // stopped: rejects at once
      if (options.signal.aborted) throw error;
      delay = Math.min(delay * 2, 5_000);
    }
  }
}
