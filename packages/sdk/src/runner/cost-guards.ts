import type { Queryable } from '../storage/database.js';
import type { RunStatus } from './types.js';

const TODAY = `(now() AT TIME ZONE 'UTC')::date`;

/** Adds one call's actual cost to today's (UTC) ledger row of the account, in the caller's transaction. */
export async function recordSpend(tx: Queryable, accountKey: string, costUsd: number): Promise<void> {
  await tx.query(
    `INSERT INTO citebots_daily_spend AS s (day, account_key, cost_usd, calls)
     VALUES (${TODAY}, $1, $2, 1)
     ON CONFLICT (day, account_key) DO UPDATE
        SET cost_usd = s.cost_usd + excluded.cost_usd, calls = s.calls + 1, updated_at = now()`,
    [accountKey, costUsd],
  );
}

/** What all provider accounts cost today (UTC), or one account when named. */
export async function getDailySpend(db: Queryable, accountKey?: string): Promise<number> {
  const rows = await db.query<{ total: number | null }>(
    `SELECT sum(cost_usd) AS total FROM citebots_daily_spend
      WHERE day = ${TODAY} AND ($1::text IS NULL OR account_key = $1)`,
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

/**
 * Pauses the run (status `paused`, a `paused_reason` saying which limit and how much was spent)
 * when its cost reached `max_cost_usd`, or when today's spend over every account reached the run's
 * `dailySpendLimitUsd` option; runs with nothing left to do are left to finish instead. Called
 * before each call and after each completion, so a run stops within the calls in flight.
 * Returns the run's status afterwards.
 */
export async function enforceCostGuards(db: Queryable, runId: string): Promise<CostGuardState> {
  const rows = await db.query<{ status: RunStatus; paused_reason: string | null; just_paused: boolean }>(
    `WITH spend AS (
       SELECT coalesce(sum(cost_usd), 0) AS today FROM citebots_daily_spend WHERE day = ${TODAY}
     ), run AS (
       -- A locking read sees the newest version of the run even when another worker just paused it.
       SELECT r.id, r.status, r.paused_reason, r.cost_usd, r.max_cost_usd, r.options,
              r.queries_queued + r.queries_processing AS open_items
         FROM analysis_runs r WHERE r.id = $1 FOR NO KEY UPDATE
     ), paused AS (
       UPDATE analysis_runs r
          SET status = 'paused', updated_at = now(),
              paused_reason = CASE
                WHEN run.max_cost_usd IS NOT NULL AND run.cost_usd >= run.max_cost_usd
                  THEN 'cost limit reached: the run spent ' || round(run.cost_usd, 4)::text || ' USD of its max_cost_usd '
                       || run.max_cost_usd::text || ' USD. Raise the limit or resume the run to continue.'
                ELSE 'daily spend limit reached: ' || round(spend.today, 4)::text || ' USD spent today (UTC) of '
                       || (run.options->>'dailySpendLimitUsd') || ' USD. Resume the run tomorrow or raise the limit.'
              END
         FROM run, spend
        WHERE r.id = run.id AND run.status IN ('queued', 'running') AND run.open_items > 0
          AND ((run.max_cost_usd IS NOT NULL AND run.cost_usd >= run.max_cost_usd)
               OR spend.today >= (run.options->>'dailySpendLimitUsd')::numeric)
       RETURNING r.id, r.paused_reason
     )
     SELECT CASE WHEN p.id IS NULL THEN run.status ELSE 'paused' END AS status,
            coalesce(p.paused_reason, run.paused_reason) AS paused_reason,
            (p.id IS NOT NULL) AS just_paused
       FROM run LEFT JOIN paused p ON p.id = run.id`,
    [runId],
  );
  const row = rows[0];
  return {
    status: row?.status ?? null,
    pausedReason: row?.paused_reason ?? null,
    justPaused: row?.just_paused ?? false,
  };
}
