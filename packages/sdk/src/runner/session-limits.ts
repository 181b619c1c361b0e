import type { Queryable } from '../storage/database.js';

/**
 * Time limits for the worker's transactions, set with `set_config(..., true)` (SET LOCAL): they
 * last for the one transaction only, so they are safe behind a transaction-mode pooler where a
 * session SET would leak to other clients. A runaway statement or a transaction left open by a
 * frozen worker is cut off by the server instead of holding row locks.
 *
 * On Supabase you can also give the workers' role its own defaults once (they apply to every
 * transaction, pooled or not):
 *   ALTER ROLE citebots_worker SET statement_timeout = '30s';
 *   ALTER ROLE citebots_worker SET idle_in_transaction_session_timeout = '60s';
 */
export interface SessionLimits {
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  statementTimeoutMs: 30_000,
  idleInTransactionTimeoutMs: 60_000,
};

export async function applySessionLimits(
  tx: Queryable,
  limits: SessionLimits = DEFAULT_SESSION_LIMITS,
): Promise<void> {
  await tx.query(
    `SELECT set_config('statement_timeout', $1, true), set_config('idle_in_transaction_session_timeout', $2, true)`,
    [String(Math.round(limits.statementTimeoutMs)), String(Math.round(limits.idleInTransactionTimeoutMs))],
  );
}
