import type { PlatformResult } from '../contract/platform-result.js';
import type { ClientProfile } from '../schemas/client-profile.js';
import type { Database } from '../storage/database.js';
import type { ClaimedItem } from './claimed-item.js';
import { type CompletionOutcome, refreshAfterCompletion, refreshCheck } from './complete-item.js';
import { columnList, resultColumns, resultDocument } from './result-row.js';

/** One answer to store: the item it answers, the result, and the account its cost is charged to. */
export interface Completion {
  item: ClaimedItem;
  result: PlatformResult;
  client: ClientProfile;
  /** Default: the item's platform name. */
  accountKey?: string;
}

const statementCache = new Map<string, string>();

/**
 * The statement that completes a batch of items. The items' rows are locked in id order first
 * (a worker's lease heartbeat locks the rows it extends in the same order), so a batch and a
 * heartbeat touching the same rows queue behind each other instead of deadlocking. The "other open
 * item?" check is made once per run of the batch, with every item of the batch left out (the
 * statement's snapshot still shows them processing).
 */
function batchStatement(columns: string[]): string {
  const key = columns.join(',');
  let text = statementCache.get(key);
  if (!text) {
    const list = columnList(columns);
    text = `WITH input AS (
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::numeric[], $5::text[])
                     AS i(id, processor_id, attempts, cost_usd, account_key)
     ), locked AS MATERIALIZED (
       SELECT q.id FROM analysis_queue q JOIN input i ON i.id = q.id
        WHERE q.processor_id = i.processor_id AND q.attempts = i.attempts AND q.status = 'processing'
        ORDER BY q.id
        FOR UPDATE OF q
     ), done AS (
       UPDATE analysis_queue q
          SET status = 'completed', completed_at = now(), updated_at = now(), lease_expires_at = NULL,
              cost_usd = i.cost_usd, account_key = i.account_key, error_message = NULL
         FROM input i, locked l
        WHERE q.id = i.id AND l.id = i.id
       RETURNING q.id, q.analysis_run_id
     ), stored AS (
       INSERT INTO analysis_queries (${list})
       SELECT ${list} FROM jsonb_populate_recordset(NULL::analysis_queries, $6::jsonb) r
        WHERE r.queue_item_id IN (SELECT d.id FROM done d)
       RETURNING id, queue_item_id
     ), runs AS (
       SELECT u.run_id, ${refreshCheck('u.run_id', 'ALL ($1::uuid[])')} AS refresh
         FROM (SELECT DISTINCT d.analysis_run_id AS run_id FROM done d) u
     )
     SELECT d.id AS item_id, d.analysis_run_id AS run_id, s.id AS result_id, u.refresh
       FROM done d JOIN runs u ON u.run_id = d.analysis_run_id
       LEFT JOIN stored s ON s.queue_item_id = d.id`;
    statementCache.set(key, text);
  }
  return text;
}

/**
 * Stores the results of several items and marks them completed in ONE statement (one round trip,
 * one commit), each fenced on (id, processor, attempt, status) as `completeItem` fences one: an
 * item this worker no longer holds is left out ("not accepted") and the others are stored. Runs
 * that one of the items may have closed, or that have a cost cap, are recounted once each after
 * the statement; the first outcome of such a run carries its new status or pause reason.
 * Outcomes come back in the order of `completions`. The statement is all or nothing: when it
 * fails, nothing of the batch was stored.
 */
export async function completeItems(db: Database, completions: Completion[]): Promise<CompletionOutcome[]> {
  if (completions.length === 0) return [];
  const docs: string[] = [];
  let columns: string[] | null = null;
  for (const c of completions) {
    const row = resultColumns(c.item, c.result, c.client);
    columns ??= Object.keys(row);
    docs.push(await resultDocument(db, row));
  }
  const rows = await db.query<{
    item_id: string;
    run_id: string;
    result_id: string | null;
    refresh: boolean;
  }>(batchStatement(columns!), [
    completions.map((c) => c.item.id),
    completions.map((c) => c.item.workerId),
    completions.map((c) => c.item.attempt),
    completions.map((c) => c.result.cost.totalUsd),
    completions.map((c) => c.accountKey ?? c.item.platform),
    `[${docs.join(',')}]`,
  ]);
  const stored = new Map(rows.map((r) => [r.item_id, r]));
  const refreshes = new Map<string, Promise<Partial<CompletionOutcome>>>();
  for (const r of rows) {
    if (r.refresh && !refreshes.has(r.run_id)) refreshes.set(r.run_id, refreshAfterCompletion(db, r.run_id));
  }
  const reported = new Set<string>();
  return Promise.all(
    completions.map(async ({ item }): Promise<CompletionOutcome> => {
      const row = stored.get(item.id);
      if (!row) return { accepted: false, resultId: null, runStatus: null };
      const outcome: CompletionOutcome = { accepted: true, resultId: row.result_id, runStatus: null };
      const refresh = refreshes.get(row.run_id);
      if (!refresh) return outcome;
      const change = await refresh;
      outcome.refreshed = change.refreshed ?? false;
      if (!reported.has(row.run_id)) {
        reported.add(row.run_id);
        outcome.runStatus = change.runStatus ?? null;
        outcome.pausedReason = change.pausedReason ?? null;
      }
      return outcome;
    }),
  );
}
