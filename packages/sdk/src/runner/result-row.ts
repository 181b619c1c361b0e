import { analyzeAnswer, answerAnalysisColumns } from '../analysis/answer-analysis.js';
import type { PlatformResult } from '../contract/platform-result.js';
import { redactDeep, redactSecrets } from '../errors/redact.js';
import type { ClientProfile } from '../schemas/client-profile.js';
import type { Queryable } from '../storage/database.js';
import type { ClaimedItem } from './claimed-item.js';

/** The analysis_queries row of one answer: the result, its analysis, secrets redacted. */
export function resultColumns(
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
export async function resultDocument(db: Queryable, columns: Record<string, unknown>): Promise<string> {
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

/** The result columns as a quoted SQL column list. */
export function columnList(columns: string[]): string {
  return columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(', ');
}
