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
     ), paused AS (
       UPDATE analysis_runs r
          SET status = 'paused', updated_at = now(),
              paused_reason = CASE
                WHEN r.max_cost_usd IS NOT NULL AND r.cost_usd >= r.max_cost_usd
                  THEN 'cost limit reached: the run spent ' || round(r.cost_usd, 4)::text || ' USD of its max_cost_usd '
                       || r.max_cost_usd::text || ' USD. Raise the limit or resume the run to continue.'
                ELSE 'daily spend limit reached: ' || round(spend.today, 4)::text || ' USD spent today (UTC) of '
                       || (r.options->>'dailySpendLimitUsd') || ' USD. Resume the run tomorrow or raise the limit.'
              END
         FROM spend
        WHERE r.id = $1 AND r.status IN ('queued', 'running')
          AND r.queries_queued + r.queries_processing > 0
          AND ((r.max_cost_usd IS NOT NULL AND r.cost_usd >= r.max_cost_usd)
               OR spend.today >= (r.options->>'dailySpendLimitUsd')::numeric)
       RETURNING r.id, r.paused_reason
     )
     SELECT CASE WHEN p.id IS NULL THEN r.status ELSE 'paused' END AS status,
            coalesce(p.paused_reason, r.paused_reason) AS paused_reason,
            (p.id IS NOT NULL) AS just_paused
       FROM analysis_runs r LEFT JOIN paused p ON p.id = r.id
      WHERE r.id = $1`,
    [runId],
  );
  const row = rows[0];
  return {
    status: row?.status ?? null,
    pausedReason: row?.paused_reason ?? null,
    justPaused: row?.just_paused ?? false,
  };
}
