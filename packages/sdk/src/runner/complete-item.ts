import type { PlatformResult } from '../contract/platform-result.js';
import type { ClientProfile } from '../schemas/client-profile.js';
import type { Database } from '../storage/database.js';
import { claimCtes } from './claim-items.js';
import { type ClaimedItem, type ClaimedRow, toClaimedItem } from './claimed-item.js';
import { refreshRun } from './refresh-run.js';
import { columnList, resultColumns, resultDocument } from './result-row.js';
import type { SessionLimits } from './session-limits.js';

export interface CompletionOutcome {
  /** False when this worker no longer held the item (lease lost): nothing was written. */
  accepted: boolean;
  resultId: string | null;
  runStatus: string | null;
  /** Set when this completion paused the run (a cost guard was reached). */
  pausedReason?: string | null;
  /** True when this completion also recounted its run (`refreshRun`). */
  refreshed?: boolean;
  /** With `claimNext`: the item claimed in the same statement, or null when none was due. */
  next?: ClaimedItem | null;
}

export interface CompleteOptions {
  /** The platform account the call is charged to, for the daily spend (default: the platform name). */
  accountKey?: string;
  sessionLimits?: SessionLimits;
  /**
   * Also claims this worker's next item in the same statement (one round trip per item for a
   * worker that holds one item at a time): `outcome.next` is the item claimed, or null when none is
   * due. Claimed whether or not the completion was accepted.
   */
  claimNext?: { platforms: string[]; leaseMs: number; runId?: string | null };
}

/**
 * Whether a completion must recount its run (`run`: the run id's SQL expression): the run has a
 * cost cap, or no item of it is open any more but those completed now (`excluded`: an id, or
 * `ALL (ids)`; the statement's snapshot still shows them processing). The open-item check is a
 * scalar subquery ordered by age, not NOT EXISTS: PostgreSQL drops ORDER BY/LIMIT inside EXISTS,
 * and without them the planner may pick a sequential scan that reads every completed item of the
 * run (migration 0009).
 */
export function refreshCheck(run: string, excluded: string): string {
  return `coalesce((SELECT r.max_cost_usd IS NOT NULL FROM analysis_runs r WHERE r.id = ${run}), false)
            OR (SELECT o.id FROM analysis_queue o
                 WHERE o.analysis_run_id = ${run} AND o.status IN ('pending', 'processing')
                   AND o.id <> ${excluded}
                 ORDER BY o.created_at DESC LIMIT 1) IS NULL`;
}

/**
 * The completion statement for one set of result columns (the set is fixed per SDK release). With
 * `claimNext`, the claim's CTEs join in and the statement answers one row in all cases (the
 * completion's columns null when it was refused).
 */
const statementCache = new Map<string, string>();

function completionStatement(columns: string[], claimNext: boolean): string {
  const key = `${claimNext}:${columns.join(',')}`;
  let text = statementCache.get(key);
  if (!text) {
    const list = columnList(columns);
    const head = `WITH done AS (
       UPDATE analysis_queue q
          SET status = 'completed', completed_at = now(), updated_at = now(), lease_expires_at = NULL,
              cost_usd = $4::numeric, account_key = $5, error_message = NULL
        WHERE q.id = $1::uuid AND q.processor_id = $2 AND q.attempts = $3::int AND q.status = 'processing'
       RETURNING q.analysis_run_id
     ), stored AS (
       INSERT INTO analysis_queries (${list})
       SELECT ${list} FROM jsonb_populate_record(NULL::analysis_queries, $6::jsonb)
        WHERE EXISTS (SELECT 1 FROM done)
       RETURNING id
     )`;
    text = claimNext
      ? `${head}, ${claimCtes({ platforms: '$7', runId: '$8', limit: '1', workerId: '$2', leaseMs: '$9' })}
     SELECT d.run_id, (SELECT s.id FROM stored s) AS result_id,
            d.run_id IS NOT NULL AND (${refreshCheck('d.run_id', '$1::uuid')}) AS refresh,
            (SELECT to_jsonb(c) FROM claimed c) AS next
       FROM (SELECT (SELECT done.analysis_run_id FROM done) AS run_id) d`
      : `${head}
     SELECT d.analysis_run_id AS run_id, (SELECT s.id FROM stored s) AS result_id,
            ${refreshCheck('d.analysis_run_id', '$1::uuid')} AS refresh
       FROM done d`;
    statementCache.set(key, text);
  }
  return text;
}

/**
 * Stores an item's result and marks it completed in ONE statement (autocommit, one round trip),
 * fenced on (id, processor, attempt, status): a worker that lost its lease writes nothing. The run
 * row is not touched (workers would queue on its lock): its counters and status are recounted by
 * `refreshRun`. This completion refreshes the run itself, in a second statement, only when it may
 * have been the run's last open item (then it returns the run's new status) or when the run has a
 * cost cap (then the cap is checked against the exact cost at once, and the run paused when
 * reached). Today's spend is derived from the completed items (their `cost_usd` and
 * `account_key`), so no ledger row is written. `sessionLimits` is accepted for compatibility.
 */
export async function completeItem(
  db: Database,
  item: ClaimedItem,
  result: PlatformResult,
  client: ClientProfile,
  options: CompleteOptions = {},
): Promise<CompletionOutcome> {
  const columns = resultColumns(item, result, client);
  const doc = await resultDocument(db, columns);
  const claim = options.claimNext;
  const params: unknown[] = [
    item.id,
    item.workerId,
    item.attempt,
    result.cost.totalUsd,
    options.accountKey ?? item.platform,
    doc,
  ];
  if (claim) params.push(claim.platforms, claim.runId ?? null, Math.round(claim.leaseMs));
  const rows = await db.query<{
    run_id: string | null;
    result_id: string | null;
    refresh: boolean;
    next?: ClaimedRow | string | null;
  }>(completionStatement(Object.keys(columns), claim !== undefined), params);
  const row = rows[0];
  const next = row?.next ? toClaimedItem(parseRow(row.next), item.workerId) : null;
  if (!row?.run_id) return { accepted: false, resultId: null, runStatus: null, ...(claim ? { next } : {}) };
  const outcome: CompletionOutcome = { accepted: true, resultId: row.result_id, runStatus: null };
  if (claim) outcome.next = next;
  if (row.refresh) Object.assign(outcome, await refreshAfterCompletion(db, row.run_id));
  return outcome;
}

function parseRow(value: ClaimedRow | string): ClaimedRow {
  return typeof value === 'string' ? (JSON.parse(value) as ClaimedRow) : value;
}

/**
 * Recounts a run after a completion that may have been its last open item, or that spent money in
 * a run with a cost cap. The completion is committed: a failed refresh must not make the caller
 * retry it (the fence would then reject it). The worker's own refresh catches the run up instead.
 */
export async function refreshAfterCompletion(
  db: Database,
  runId: string,
): Promise<Pick<CompletionOutcome, 'refreshed' | 'runStatus' | 'pausedReason'>> {
  const change = await refreshRun(db, runId).catch(() => null);
  return {
    refreshed: change?.refreshed ?? false,
    runStatus: change?.closed ?? null,
    pausedReason: change?.paused ?? null,
  };
}
