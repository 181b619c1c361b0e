import type { QueryInput } from '../contract/query-input.js';
import type { ClientProfile } from '../schemas/client-profile.js';
import { runOptionsSchema } from '../schemas/run-options.js';
import { parseInput } from '../schemas/validate.js';
import type { Database, Queryable } from '../storage/database.js';
import { getRun } from './run-summary.js';
import type { SubmitRunInput, SubmitRunResult } from './types.js';

/**
 * Finds the client by domain (or id) or creates it, and brings its aliases, keywords and competitors
 * up to date. Serialised per domain with a transaction-scoped advisory lock, so concurrent
 * submissions of one client never create two client rows.
 */
async function upsertClient(tx: Queryable, client: ClientProfile): Promise<string> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('citebots:client:' || $1))`, [client.domain]);
  const found = client.id
    ? await tx.query<{ id: string }>('SELECT id FROM clients WHERE id = $1', [client.id])
    : await tx.query<{ id: string }>(
        `SELECT id FROM clients WHERE lower(domain) = $1 ORDER BY created_at, id LIMIT 1`,
        [client.domain],
      );
  const profile = JSON.stringify(client);
  let id = found[0]?.id;
  if (id) {
    await tx.query(
      `UPDATE clients SET name = $2, aliases = $3::text[], keywords = $4::text[], profile = $5::jsonb,
              industry_primary = coalesce($6, industry_primary), updated_at = now()
        WHERE id = $1`,
      [id, client.name, client.aliases, client.keywords, profile, client.industry ?? null],
    );
  } else {
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO clients (id, name, domain, aliases, keywords, profile, industry_primary)
       VALUES (coalesce($1::uuid, gen_random_uuid()), $2, $3, $4::text[], $5::text[], $6::jsonb, $7) RETURNING id`,
      [
        client.id ?? null,
        client.name,
        client.domain,
        client.aliases,
        client.keywords,
        profile,
        client.industry ?? null,
      ],
    );
    id = rows[0]!.id;
  }
  await tx.query(
    `INSERT INTO competitors (client_id, name, domain, aliases, source)
     SELECT $1, x.name, x.domain, coalesce(x.aliases, '{}'), 'manual'
       FROM jsonb_to_recordset($2::jsonb) AS x(name text, domain text, aliases text[])
      WHERE NOT EXISTS (SELECT 1 FROM competitors c WHERE c.client_id = $1 AND lower(c.name) = lower(x.name))`,
    [id, JSON.stringify(client.competitors)],
  );
  return id;
}

/**
 * The run's items, query by query with every platform of a query side by side. Their `created_at`
 * follows this order (a microsecond apart), so workers claim the platforms in turn and each
 * platform's share of the run advances at the same pace instead of in random id order.
 */
function itemRows(queries: QueryInput[], platforms: string[]) {
  const rows: { query_id: string; query_text: string; query_data: QueryInput; platform: string }[] = [];
  for (const query of queries) {
    for (const platform of platforms)
      rows.push({ query_id: query.id, query_text: query.text, query_data: query, platform });
  }
  return rows;
}

/**
 * Whether the queue planner needs statistics after adding `added` items: it has none yet, or this
 * submission at least doubles the queue. Without them a fresh database sorts every pending item on
 * each claim instead of walking the claim index; autovacuum keeps them current afterwards.
 */
async function queueNeedsStatistics(tx: Queryable, added: number): Promise<boolean> {
  const [stats] = await tx.query<{ reltuples: number }>(
    `SELECT reltuples::float8 AS reltuples FROM pg_class WHERE oid = 'analysis_queue'::regclass`,
  );
  const known = Number(stats?.reltuples ?? -1);
  return known < 0 || added > known;
}

/**
 * Submits a run: one `analysis_queue` item per (query, platform), all in one transaction.
 * With a batch id the submission is idempotent: a second submit of the same client and batch id
 * writes nothing and returns the existing run with `created: false`.
 */
export async function submitRun(db: Database, input: SubmitRunInput): Promise<SubmitRunResult> {
  const options = parseInput(runOptionsSchema, input.options, 'run options');
  if (input.queries.length === 0) throw new Error('submitRun: no queries');
  const runId = await db.transaction(async (tx) => {
    const clientId = await upsertClient(tx, input.client);
    const inserted = await tx.query<{ id: string }>(
      `INSERT INTO analysis_runs (client_id, batch_id, status, platform, platforms, processing_method, intents, keywords,
                                  competitors, test_mode, options, client_snapshot, max_cost_usd)
       VALUES ($1, $2, 'queued', $3, $4::text[], 'queue', $5::text[], $6::text[], $7::jsonb, $8, $9::jsonb, $10::jsonb, $11)
       ON CONFLICT (client_id, batch_id) WHERE batch_id IS NOT NULL AND archived_at IS NULL DO NOTHING
       RETURNING id`,
      [
        clientId,
        options.batchId ?? null,
        options.platforms.length === 1 ? options.platforms[0] : null,
        options.platforms,
        [...new Set(input.queries.map((q) => q.intent).filter((v): v is string => !!v))],
        [...new Set(input.queries.map((q) => q.keyword).filter((v): v is string => !!v))],
        JSON.stringify(input.client.competitors),
        options.testMode,
        JSON.stringify(options),
        JSON.stringify(input.client),
        options.maxCostUsd ?? null,
      ],
    );
    if (!inserted[0]) {
      const existing = await tx.query<{ id: string }>(
        `SELECT id FROM analysis_runs WHERE client_id = $1 AND batch_id = $2 AND archived_at IS NULL`,
        [clientId, options.batchId],
      );
      return { id: existing[0]!.id, created: false, analyze: false };
    }
    const id = inserted[0].id;
    await tx.query(
      `INSERT INTO analysis_queue (analysis_run_id, query_id, query_text, query_data, platform, client_id, client_name,
                                   client_domain, competitors, max_attempts, created_at)
       SELECT $1, x.query_id, x.query_text, x.query_data, x.platform, $2, $3, $4, $5::jsonb, $6,
              now() + (x.n - 1) * interval '1 microsecond'
         FROM ROWS FROM (jsonb_to_recordset($7::jsonb) AS (query_id text, query_text text, query_data jsonb, platform text))
              WITH ORDINALITY AS x(query_id, query_text, query_data, platform, n)
       ON CONFLICT DO NOTHING`,
      [
        id,
        clientId,
        input.client.name,
        input.client.domain,
        JSON.stringify(input.client.competitors),
        options.maxAttempts,
        JSON.stringify(itemRows(input.queries, options.platforms)),
      ],
    );
    const analyze = await queueNeedsStatistics(tx, input.queries.length * options.platforms.length);
    return { id, created: true, analyze };
  });
  // A role that may not analyze the table only gets a notice.
  if (runId.analyze) await db.query('ANALYZE analysis_queue').catch(() => {});
  const run = await getRun(db, runId.id);
  return { run: run!, created: runId.created };
}
