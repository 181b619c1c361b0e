import type { Queryable } from '../storage/database.js';
import type { RunStatus } from './types.js';

/** Start of today (UTC) on the database clock. */
const DAY_START = `(date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`;

/**
 * What all provider accounts cost today (UTC), or one account when named: the sum of `cost_usd`
 * over the queue items completed since the UTC day started (an index on completed items serves it).
 */
export async function getDailySpend(db: Queryable, accountKey?: string): Promise<number> {
  const rows = await db.query<{ total: number | string | null }>(
    `SELECT sum(cost_usd) AS total FROM analysis_queue
      WHERE status = 'completed' AND completed_at >= ${DAY_START}
        AND ($1::text IS NULL OR account_key = $1)`,
    [accountKey ?? null],
  );
  return Number(rows[0]?.total ?? 0);
}

export interface CostGuardState {
  status: RunStatus | null;
  pausedReason: string | null;
  /** True when this call paused the run. */
  justPaused: boolean;
}

export interface CostGuardOptions {
  /** Today's spend when the caller already knows it (a worker's cached figure); read when absent. */
  todaySpendUsd?: number;
}

/**
 * Pauses the run (status `paused`, a `paused_reason` saying which limit and how much was spent)
 * when its cost reached `max_cost_usd`, or when today's spend over every account reached the run's
 * `dailySpendLimitUsd` option; runs with nothing left to do are left to finish instead. No locking
 * read: the run is read as committed, and the pause is one conditional UPDATE that only a
 * still-queued or running run takes. (Reaching `max_cost_usd` is also caught at each
 * completion of a capped run, which recounts its cost, and by the claim.) Returns the run's status afterwards.
 */
export async function enforceCostGuards(
  db: Queryable,
  runId: string,
  options: CostGuardOptions = {},
): Promise<CostGuardState> {
  const [run] = await db.query<{
    status: RunStatus;
    paused_reason: string | null;
    cost_usd: string | number;
    max_cost_usd: string | number | null;
    daily_limit: string | null;
  }>(
    `SELECT status, paused_reason, cost_usd, max_cost_usd, options->>'dailySpendLimitUsd' AS daily_limit
       FROM analysis_runs WHERE id = $1`,
    [runId],
  );
  if (!run) return { status: null, pausedReason: null, justPaused: false };
  const unchanged = { status: run.status, pausedReason: run.paused_reason, justPaused: false };
  if (run.status !== 'queued' && run.status !== 'running') return unchanged;
  const cost = Number(run.cost_usd);
  let reason: string | null = null;
  if (run.max_cost_usd != null && cost >= Number(run.max_cost_usd)) {
    reason =
      `cost limit reached: the run spent ${cost.toFixed(4)} USD of its max_cost_usd ${run.max_cost_usd} USD. ` +
      'Raise the limit or resume the run to continue.';
  } else if (run.daily_limit != null) {
    const today = options.todaySpendUsd ?? (await getDailySpend(db));
    if (today >= Number(run.daily_limit)) {
      reason =
        `daily spend limit reached: ${today.toFixed(4)} USD spent today (UTC) of ${run.daily_limit} USD. ` +
        'Resume the run tomorrow or raise the limit.';
    }
  }
  if (!reason) return unchanged;
  const paused = await db.query<{ status: RunStatus; paused_reason: string | null }>(
    `UPDATE analysis_runs SET status = 'paused', paused_reason = $2, updated_at = now()
      WHERE id = $1 AND status IN ('queued', 'running')
        AND (SELECT q.id FROM analysis_queue q
              WHERE q.analysis_run_id = $1 AND q.status IN ('pending', 'processing')
              ORDER BY q.created_at DESC LIMIT 1) IS NOT NULL
     RETURNING status, paused_reason`,
    [runId, reason],
  );
  if (paused[0]) return { status: 'paused', pausedReason: paused[0].paused_reason, justPaused: true };
  const [now] = await db.query<{ status: RunStatus; paused_reason: string | null }>(
    'SELECT status, paused_reason FROM analysis_runs WHERE id = $1',
    [runId],
  );
  return { status: now?.status ?? null, pausedReason: now?.paused_reason ?? null, justPaused: false };
}
