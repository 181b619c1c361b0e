import { analyzeAnswer, answerAnalysisColumns } from '../analysis/answer-analysis.js';
import type { PlatformResult } from '../contract/platform-result.js';
import { redactDeep, redactSecrets } from '../errors/redact.js';
import type { ClientProfile } from '../schemas/client-profile.js';
import type { Database, Queryable } from '../storage/database.js';
import type { ClaimedItem } from './claimed-item.js';
import type { SessionLimits } from './session-limits.js';

export interface CompletionOutcome {
  /** False when this worker no longer held the item (lease lost): nothing was written. */
  accepted: boolean;
  resultId: string | null;
  runStatus: string | null;
  /** Set when this completion paused the run (a cost guard was reached). */
  pausedReason?: string | null;
}

export interface CompleteOptions {
  /** The platform account the call is charged to, for the daily spend (default: the platform name). */
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

/** Column types of analysis_queries, read once per database handle. */
const columnTypeCache = new WeakMap<Queryable, Promise<Map<string, string>>>();

function columnTypes(db: Queryable): Promise<Map<string, string>> {
  let types = columnTypeCache.get(db);
  if (!types) {
    types = db
      .query<{ column_name: string; udt_name: string }>(
        `SELECT column_name, udt_name FROM information_schema.columns
          WHERE table_name = 'analysis_queries' AND table_schema = current_schema()`,
      )
      .then((rows) => new Map(rows.map((r) => [r.column_name, r.udt_name])));
    types.catch(() => columnTypeCache.delete(db));
    columnTypeCache.set(db, types);
  }
  return types;
}

/**
 * The result row as one JSON object for `jsonb_populate_record`: values meant as JSON text for a
 * jsonb column (strings) are parsed, so they are stored as the documents they describe, exactly as
 * a `$n::jsonb` parameter would be.
 */
async function resultDocument(db: Queryable, columns: Record<string, unknown>): Promise<string> {
  const types = await columnTypes(db);
  const unknown = Object.keys(columns).filter((n) => !types.has(n));
  if (unknown.length > 0)
    throw new Error(`completeItem: analysis_queries has no column ${unknown.join(', ')}`);
  const doc: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(columns)) {
    const type = types.get(name);
    doc[name] =
      (type === 'jsonb' || type === 'json') && typeof value === 'string'
        ? JSON.parse(value)
        : (value ?? null);
  }
  return JSON.stringify(doc);
}

/**
 * Stores an item's result and marks it completed in ONE statement (autocommit, one round trip),
 * fenced on (id, processor, attempt, status): a worker that lost its lease writes nothing. The
 * statement-level trigger of the queue (migration 0007) moves the run's counters and cost, closes
 * the run when it was the last item, and pauses it when `max_cost_usd` is reached; the run row is
 * locked only from the end of that statement to its commit. Today's spend is derived from the
 * completed items (their `cost_usd` and `account_key`), so no ledger row is written.
 * `sessionLimits` is accepted for compatibility: a single autocommit statement has no idle
 * transaction to cut off, and the statement timeout is the role's.
 */
export async function completeItem(
  db: Database,
  item: ClaimedItem,
  result: PlatformResult,
  client: ClientProfile,
  options: CompleteOptions = {},
): Promise<CompletionOutcome> {
  const doc = await resultDocument(db, resultColumns(item, result, client));
  const rows = await db.query<{
    accepted: boolean;
    result_id: string | null;
    run_status: string | null;
    paused_reason: string | null;
  }>('SELECT * FROM citebots_complete_item($1::uuid, $2, $3::int, $4::numeric, $5, $6::jsonb)', [
    item.id,
    item.workerId,
    item.attempt,
    result.cost.totalUsd,
    options.accountKey ?? item.platform,
    doc,
  ]);
  const row = rows[0];
  if (!row?.accepted) return { accepted: false, resultId: null, runStatus: null };
  return {
    accepted: true,
    resultId: row.result_id,
    runStatus: row.run_status,
    pausedReason: row.paused_reason,
  };
}
