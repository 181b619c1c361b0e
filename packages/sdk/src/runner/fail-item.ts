import { CitebotsError } from '../errors/citebots-error.js';
import { redactDeep, redactSecrets } from '../errors/redact.js';
import type { Database } from '../storage/database.js';
import type { ClaimedItem } from './claimed-item.js';
import type { SessionLimits } from './session-limits.js';

export interface FailureOutcome {
  accepted: boolean;
  /** `pending` when the item will be tried again after `delayMs`, `failed` when it is terminal. */
  status: 'pending' | 'failed' | null;
  runStatus: string | null;
}

export function describeError(error: unknown): { message: string; details: Record<string, unknown> } {
  if (CitebotsError.isInstance(error)) {
    return {
      message: redactSecrets(error.message),
      details: redactDeep({ ...error.toJSON(), message: undefined }),
    };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    message: redactSecrets(message),
    details: { name: error instanceof Error ? error.name : typeof error },
  };
}

/**
 * Records a failed attempt in one statement (autocommit), fenced like completion. A retryable error
 * with attempts left puts the item back to `pending` with `run_at = now() + delay`; otherwise it
 * ends `failed` with the error kept (and the run is recounted and closed when it may have been the last).
 */
export async function failItem(
  db: Database,
  item: ClaimedItem,
  error: unknown,
  retry: { retryable: boolean; delayMs: number; sessionLimits?: SessionLimits },
): Promise<FailureOutcome> {
  const { message, details } = describeError(error);
  const again = retry.retryable && item.attempt < item.maxAttempts;
  const rows = await db.query<{
    accepted: boolean;
    item_status: 'pending' | 'failed' | null;
    run_status: string | null;
  }>('SELECT * FROM citebots_fail_item($1::uuid, $2, $3::int, $4, $5::int, $6, $7::jsonb)', [
    item.id,
    item.workerId,
    item.attempt,
    again ? 'pending' : 'failed',
    again ? Math.round(retry.delayMs) : 0,
    message,
    JSON.stringify({ ...details, attempt: item.attempt }),
  ]);
  const row = rows[0];
  if (!row?.accepted) return { accepted: false, status: null, runStatus: null };
  return { accepted: true, status: row.item_status, runStatus: row.run_status };
}
