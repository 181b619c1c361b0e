import { CitebotsError } from '../errors/citebots-error.js';
import { redactDeep, redactSecrets } from '../errors/redact.js';
import type { Database } from '../storage/database.js';
import type { ClaimedItem } from './claimed-item.js';
import { finishRunIfDone } from './finish-run.js';
import { applySessionLimits, type SessionLimits } from './session-limits.js';

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
 * Records a failed attempt, fenced like completion. A retryable error with attempts left puts the
 * item back to `pending` with `run_at = now() + delay`; otherwise it ends `failed` with the error kept.
 */
export async function failItem(
  db: Database,
  item: ClaimedItem,
  error: unknown,
  retry: { retryable: boolean; delayMs: number; sessionLimits?: SessionLimits },
): Promise<FailureOutcome> {
  const { message, details } = describeError(error);
  const again = retry.retryable && item.attempt < item.maxAttempts;
  return db.transaction(async (tx) => {
    await applySessionLimits(tx, retry.sessionLimits);
    const rows = await tx.query<{ status: 'pending' | 'failed' }>(
      `UPDATE analysis_queue
          SET status = $5, run_at = now() + $6::int * interval '1 millisecond',
              error_message = $7, error_details = $8::jsonb, processor_id = CASE WHEN $5 = 'pending' THEN NULL ELSE processor_id END,
              lease_expires_at = NULL, updated_at = now(),
              completed_at = CASE WHEN $5 = 'failed' THEN now() ELSE NULL END
        WHERE id = $1 AND processor_id = $2 AND attempts = $3 AND status = $4
       RETURNING status`,
      [
        item.id,
        item.workerId,
        item.attempt,
        'processing',
        again ? 'pending' : 'failed',
        again ? Math.round(retry.delayMs) : 0,
        message,
        JSON.stringify({ ...details, attempt: item.attempt }),
      ],
    );
    if (rows.length === 0) return { accepted: false, status: null, runStatus: null };
    const runStatus = again ? null : await finishRunIfDone(tx, item.runId);
    return { accepted: true, status: rows[0]!.status, runStatus };
  });
}
