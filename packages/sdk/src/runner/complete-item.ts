import { analyzeAnswer, answerAnalysisColumns } from '../analysis/answer-analysis.js';
import type { PlatformResult } from '../contract/platform-result.js';
import { redactDeep, redactSecrets } from '../errors/redact.js';
import type { ClientProfile } from '../schemas/client-profile.js';
import type { Database, Queryable } from '../storage/database.js';
import type { ClaimedItem } from './claimed-item.js';
import { refreshRun } from './refresh-run.js';
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
      // The catalog directly (information_schema.columns costs tens of milliseconds of server time),
      // for the table the INSERT resolves to through the search path.
      .query<{ column_name: string; udt_name: string }>(
        `SELECT a.attname AS column_name, t.typname AS udt_name
           FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
          WHERE a.attrelid = to_regclass('analysis_queries') AND a.attnum > 0 AND NOT a.attisdropped`,
      )
      .then((rows) => new Map(rows.map((r) => [r.column_name, r.udt_name])));
    types.catch(() => columnTypeCache.delete(db));
    columnTypeCache.set(db, types);
  }
  return types;
}

/**
 * Reads the column types completions need, so that a worker's first completions do not wait for
 * them (the worker starts it when it starts). A failure is left for the first completion to report.
 */
export function prepareCompletions(db: Queryable): void {
  columnTypes(db).catch(() => {});
}

/**
 * The result row as one JSON object for `jsonb_populate_record`. A string meant for a json/jsonb
 * column is JSON text already (the analysis columns come serialised, and a string raw response as
 * a JSON string): it goes into the document as it is, so it is stored as the document it describes,
 * exactly as a `$n::jsonb` parameter would be, without being parsed and serialised again here.
 * Null columns are left out (jsonb_populate_record reads a missing key as NULL).
 */
async function resultDocument(db: Queryable, columns: Record<string, unknown>): Promise<string> {
  const types = await columnTypes(db);
  const parts: string[] = [];
  for (const name in columns) {
    const type = types.get(name);
    if (type === undefined) {
      const unknown = Object.keys(columns).filter((n) => !types.has(n));
      throw new Error(`completeItem: analysis_queries has no column ${unknown.join(', ')}`);
    }
    const value = columns[name];
    // A key left out reads as NULL (the record starts from NULL::analysis_queries), as a null would.
    if (value === null || value === undefined) continue;
    const json =
      (type === 'jsonb' || type === 'json') && typeof value === 'string' ? value : JSON.stringify(value);
    parts.push(`${JSON.stringify(name)}:${json}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * The completion statement for one set of result columns (the set is fixed per SDK release). Its
 * "other open item?" check is a scalar subquery ordered by age, not NOT EXISTS: PostgreSQL drops
 * ORDER BY/LIMIT inside EXISTS, and without them the planner may pick a sequential scan that reads
 * every completed item of the run (migration 0009).
 */
const statementCache = new Map<string, string>();

function completionStatement(columns: string[]): string {
  const key = columns.join(',');
  let text = statementCache.get(key);
  if (!text) {
    const list = columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(', ');
    text = `WITH done AS (
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
     )
     SELECT d.analysis_run_id AS run_id, (SELECT s.id FROM stored s) AS result_id,
            coalesce((SELECT r.max_cost_usd IS NOT NULL FROM analysis_runs r WHERE r.id = d.analysis_run_id), false)
            OR (SELECT o.id FROM analysis_queue o
                 WHERE o.analysis_run_id = d.analysis_run_id AND o.status IN ('pending', 'processing')
                   AND o.id <> $1::uuid
                 ORDER BY o.created_at DESC LIMIT 1) IS NULL AS refresh
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
  const rows = await db.query<{ run_id: string | null; result_id: string | null; refresh: boolean }>(
    completionStatement(Object.keys(columns)),
    [item.id, item.workerId, item.attempt, result.cost.totalUsd, options.accountKey ?? item.platform, doc],
  );
  const row = rows[0];
  if (!row) return { accepted: false, resultId: null, runStatus: null };
  const outcome: CompletionOutcome = { accepted: true, resultId: row.result_id, runStatus: null };
  if (row.refresh && row.run_id) {
    // The completion is committed: a failed refresh must not make the caller retry it (the fence
    // would then reject it). The worker's own refresh catches the run up instead.
    const change = await refreshRun(db, row.run_id).catch(() => null);
    outcome.refreshed = change?.refreshed ?? false;
    outcome.runStatus = change?.closed ?? null;
    outcome.pausedReason = change?.paused ?? null;
  }
  return outcome;
}
