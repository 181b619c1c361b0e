import { analyzeAnswer, answerAnalysisColumns } from '../analysis/answer-analysis.js';
import type { PlatformResult } from '../contract/platform-result.js';
import { redactDeep, redactSecrets } from '../errors/redact.js';
import type { ClientProfile } from '../schemas/client-profile.js';
import type { Database } from '../storage/database.js';
import { insertRow } from '../storage/insert-row.js';
import type { ClaimedItem } from './claimed-item.js';
import { enforceCostGuards, recordSpend } from './cost-guards.js';
import { finishRunIfDone } from './finish-run.js';
import { applySessionLimits, type SessionLimits } from './session-limits.js';

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
 * last item, or pauses it when a cost guard is reached.
 */
export async function completeItem(
  db: Database,
  item: ClaimedItem,
  result: PlatformResult,
  client: ClientProfile,
  options: CompleteOptions = {},
): Promise<CompletionOutcome> {
  const columns = resultColumns(item, result, client);
  return db.transaction(async (tx) => {
    await applySessionLimits(tx, options.sessionLimits);
    const fenced = await tx.query(
      `UPDATE analysis_queue
          SET status = 'completed', completed_at = now(), updated_at = now(), lease_expires_at = NULL,
              cost_usd = $4, error_message = NULL
        WHERE id = $1 AND processor_id = $2 AND attempts = $3 AND status = 'processing'
       RETURNING id`,
      [item.id, item.workerId, item.attempt, result.cost.totalUsd],
    );
    if (fenced.length === 0) return { accepted: false, resultId: null, runStatus: null };
    const resultId = await insertRow(tx, 'analysis_queries', columns);
    await tx.query(`UPDATE analysis_runs SET cost_usd = cost_usd + $2 WHERE id = $1`, [
      item.runId,
      result.cost.totalUsd,
    ]);
    await recordSpend(tx, options.accountKey ?? item.platform, result.cost.totalUsd);
    const runStatus = await finishRunIfDone(tx, item.runId);
    if (runStatus) return { accepted: true, resultId, runStatus };
    const guard = await enforceCostGuards(tx, item.runId);
    return {
      accepted: true,
      resultId,
      runStatus: null,
      pausedReason: guard.justPaused ? guard.pausedReason : null,
    };
  });
}
