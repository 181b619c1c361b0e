import { analyzeAnswer, answerAnalysisColumns } from '../analysis/answer-analysis.js';
import type { PlatformResult } from '../contract/platform-result.js';
import { redactDeep, redactSecrets } from '../errors/redact.js';
import type { ClientProfile } from '../schemas/client-profile.js';
import type { Database } from '../storage/database.js';
import { insertRow } from '../storage/insert-row.js';
import type { ClaimedItem } from './claimed-item.js';
import { enforceCostGuards } from './cost-guards.js';
import { DEFAULT_SESSION_LIMITS, type SessionLimits } from './session-limits.js';

export interface CompletionOutcome {
  /** False when this worker no longer held the item (lease lost): nothing was written. */
  accepted: boolean;
  resultId: string | null;
  runStatus: string | null;
  /** Set when this completion paused the run (a cost guard was reached). */
  pausedReason?: string | null;
}

export interface CompleteOptions {
  /** The platform account to charge in the daily spend ledger (default: the platform name). */
  accountKey?: string;
  sessionLimits?: SessionLimits;
}

function resultColumns(
  item: ClaimedItem,
  result: PlatformResult,
  client: ClientProfile,
): Record<string, unknown> {
  const analysis = analyzeAnswer(
    { query: item.query, answer: result.answer, citations: result.citations },
    client,
  );
  return {
    analysis_run_id: item.runId,
    queue_item_id: item.id,
    query_id: item.query.id,
    query_text: item.query.text,
    query_keyword: item.query.keyword ?? null,
    query_category: item.query.category ?? null,
    query_intent: item.query.intent ?? null,
    data_source: item.platform,
    platform: item.platform,
    model: result.model,
    attempt: item.attempt,
    model_response: result.answer,
    citation_count: result.citations.length,
    citations: result.citations,
    sources: result.sources,
    search_queries: result.searchQueries,
    token_usage: result.usage,
    cost_usd: result.cost.totalUsd,
    cost_details: result.cost,
    raw_response:
      typeof result.raw === 'string'
        ? JSON.stringify(redactSecrets(result.raw))
        : redactDeep(result.raw ?? null),
    provider_metadata: redactDeep(result.providerMetadata),
    associated_pages_count: result.citations.length,
    associated_pages: result.citations.map((c) => ({
      citation_url: c.url,
      citation_position: c.position,
      page_title: c.title,
    })),
    status: 'completed',
    completed_at: new Date(),
    analyzed_at: new Date(),
    ...answerAnalysisColumns(analysis),
  };
}

/**
 * Stores an item's result and marks it completed in one transaction, fenced on
 * (id, processor, attempt, status): a worker that lost its lease writes nothing. The same
 * transaction adds the cost to the run and to today's spend ledger, closes the run when it was the
 * last item, or pauses it when a cost guard is reached. The statements that lock rows every worker
 * shares (the run, the account's spend of the day) come last, so those locks are held briefly.
 */
export async function completeItem(
  db: Database,
  item: ClaimedItem,
  result: PlatformResult,
  client: ClientProfile,
  options: CompleteOptions = {},
): Promise<CompletionOutcome> {
  const columns = resultColumns(item, result, client);
  const limits = options.sessionLimits ?? DEFAULT_SESSION_LIMITS;
  const cost = result.cost.totalUsd;
  return db.transaction(async (tx) => {
    // The fence: lock the item only if this worker still holds this attempt (and set this
    // transaction's time limits in the same round trip).
    const held = await tx.query(
      `SELECT q.id, set_config('statement_timeout', $4, true), set_config('idle_in_transaction_session_timeout', $5, true)
         FROM analysis_queue q
        WHERE q.id = $1 AND q.processor_id = $2 AND q.attempts = $3 AND q.status = 'processing'
        FOR UPDATE`,
      [
        item.id,
        item.workerId,
        item.attempt,
        String(Math.round(limits.statementTimeoutMs)),
        String(Math.round(limits.idleInTransactionTimeoutMs)),
      ],
    );
    if (held.length === 0) return { accepted: false, resultId: null, runStatus: null };
    const resultId = await insertRow(tx, 'analysis_queries', columns, { cacheKey: db });
    await tx.query(
      `UPDATE analysis_queue
          SET status = 'completed', completed_at = now(), updated_at = now(), lease_expires_at = NULL,
              cost_usd = $2, error_message = NULL
        WHERE id = $1`,
      [item.id, cost],
    );
    // The counters were moved by the item's trigger; this locked the run row until commit.
    const [run] = await tx.query<{ status: string; finished: boolean; guarded: boolean }>(
      `WITH spend AS (
         INSERT INTO citebots_daily_spend AS s (day, account_key, cost_usd, calls)
         VALUES ((now() AT TIME ZONE 'UTC')::date, $3, $2, 1)
         ON CONFLICT (day, account_key) DO UPDATE
            SET cost_usd = s.cost_usd + excluded.cost_usd, calls = s.calls + 1, updated_at = now()
       )
       UPDATE analysis_runs r
          SET cost_usd = r.cost_usd + $2, updated_at = now(),
              status = CASE WHEN r.queries_queued = 0 AND r.queries_processing = 0 AND r.status IN ('queued', 'running')
                            THEN CASE WHEN r.queries_completed = 0 AND r.queries_failed > 0 THEN 'failed' ELSE 'completed' END
                            ELSE r.status END,
              completed_at = CASE WHEN r.queries_queued = 0 AND r.queries_processing = 0 AND r.status IN ('queued', 'running')
                                  THEN now() ELSE r.completed_at END
        WHERE r.id = $1
       RETURNING r.status,
                 (r.queries_queued = 0 AND r.queries_processing = 0 AND r.completed_at = now()) AS finished,
                 (r.max_cost_usd IS NOT NULL OR r.options->>'dailySpendLimitUsd' IS NOT NULL) AS guarded`,
      [item.runId, cost, options.accountKey ?? item.platform],
    );
    if (run?.finished) return { accepted: true, resultId, runStatus: run.status };
    if (!run?.guarded) return { accepted: true, resultId, runStatus: null };
    const guard = await enforceCostGuards(tx, item.runId);
    return {
      accepted: true,
      resultId,
      runStatus: null,
      pausedReason: guard.justPaused ? guard.pausedReason : null,
    };
  });
}
