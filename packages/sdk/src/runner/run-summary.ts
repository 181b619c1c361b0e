import type { Queryable } from '../storage/database.js';
import type { ItemCounts, PlatformProgress, RunStatus, RunSummary } from './types.js';

interface RunRow {
  id: string;
  client_id: string;
  client_name: string | null;
  client_domain: string | null;
  batch_id: string | null;
  status: string;
  platform: string | null;
  platforms: string[] | null;
  created_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
  cost_usd: number | null;
  max_cost_usd: number | null;
  paused_reason: string | null;
  queries_total: number;
  queries_queued: number;
  queries_processing: number;
  queries_completed: number;
  queries_failed: number;
  queries_cancelled: number;
}

const RUN_COLUMNS = `r.id, r.client_id, c.name AS client_name, c.domain AS client_domain, r.batch_id, r.status,
  r.platform, r.platforms, r.created_at, r.started_at, r.completed_at, r.cost_usd, r.max_cost_usd, r.paused_reason,
  r.queries_total, r.queries_queued, r.queries_processing, r.queries_completed, r.queries_failed, r.queries_cancelled`;

/**
 * The run's counts, from its items when it has any (exact at once), else from the run row (a run of
 * the old system without queue items). The counters on analysis_runs are refreshed by the workers
 * and may lag the items by about a second while a run is active.
 */
function countsOf(row: RunRow, byPlatform: PlatformProgress[]): { counts: ItemCounts; costUsd: number } {
  if (byPlatform.length === 0) {
    return {
      counts: {
        total: row.queries_total,
        pending: row.queries_queued,
        processing: row.queries_processing,
        completed: row.queries_completed,
        failed: row.queries_failed,
        cancelled: row.queries_cancelled,
      },
      costUsd: Number(row.cost_usd ?? 0),
    };
  }
  const counts: ItemCounts = { total: 0, pending: 0, processing: 0, completed: 0, failed: 0, cancelled: 0 };
  let costUsd = 0;
  for (const p of byPlatform) {
    for (const key of Object.keys(counts) as (keyof ItemCounts)[]) counts[key] += p[key];
    costUsd += p.costUsd;
  }
  return { counts, costUsd };
}

function toSummary(row: RunRow, byPlatform: PlatformProgress[]): RunSummary {
  const { counts, costUsd } = countsOf(row, byPlatform);
  return {
    id: row.id,
    clientId: row.client_id,
    clientName: row.client_name ?? '',
    clientDomain: row.client_domain,
    batchId: row.batch_id,
    status: row.status as RunStatus,
    platforms: row.platforms ?? (row.platform ? [row.platform] : []),
    createdAt: row.created_at,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    costUsd,
    maxCostUsd: row.max_cost_usd === null ? null : Number(row.max_cost_usd),
    pausedReason: row.paused_reason,
    counts,
    byPlatform,
  };
}

async function platformProgress(db: Queryable, runIds: string[]): Promise<Map<string, PlatformProgress[]>> {
  const rows = await db.query<{
    run_id: string;
    platform: string;
    status: string;
    n: number;
    cost: number | null;
  }>(
    `SELECT analysis_run_id AS run_id, platform, status, count(*)::int AS n, sum(cost_usd) AS cost
       FROM analysis_queue WHERE analysis_run_id = ANY($1::uuid[])
      GROUP BY analysis_run_id, platform, status`,
    [runIds],
  );
  const out = new Map<string, Map<string, PlatformProgress>>();
  for (const r of rows) {
    const perRun = out.get(r.run_id) ?? new Map<string, PlatformProgress>();
    out.set(r.run_id, perRun);
    const p = perRun.get(r.platform) ?? {
      platform: r.platform,
      total: 0,
      pending: 0,
      processing: 0,
      completed: 0,
      failed: 0,
      cancelled: 0,
      costUsd: 0,
    };
    perRun.set(r.platform, p);
    p.total += r.n;
    const key = r.status as keyof ItemCounts;
    if (key in p && key !== 'total') p[key] += r.n;
    p.costUsd += Number(r.cost ?? 0);
  }
  return new Map(
    [...out].map(([k, v]) => [k, [...v.values()].sort((a, b) => a.platform.localeCompare(b.platform))]),
  );
}

/** One run with its counters and per-platform progress; null when there is no such run. */
export async function getRun(db: Queryable, runId: string): Promise<RunSummary | null> {
  if (!/^[0-9a-f-]{36}$/i.test(runId)) return null;
  const rows = await db.query<RunRow>(
    `SELECT ${RUN_COLUMNS} FROM analysis_runs r LEFT JOIN clients c ON c.id = r.client_id WHERE r.id = $1`,
    [runId],
  );
  const row = rows[0];
  if (!row) return null;
  const progress = await platformProgress(db, [row.id]);
  return toSummary(row, progress.get(row.id) ?? []);
}

export interface ListRunsOptions {
  /** Only runs of this client (name or domain, case-insensitive). */
  client?: string;
  status?: RunStatus;
  limit?: number;
}

/** Runs, newest first. */
export async function listRuns(db: Queryable, options: ListRunsOptions = {}): Promise<RunSummary[]> {
  const rows = await db.query<RunRow>(
    `SELECT ${RUN_COLUMNS} FROM analysis_runs r LEFT JOIN clients c ON c.id = r.client_id
      WHERE ($1::text IS NULL OR lower(c.name) = lower($1) OR lower(c.domain) = lower($1))
        AND ($2::text IS NULL OR r.status = $2)
      ORDER BY r.created_at DESC, r.id DESC
      LIMIT $3`,
    [options.client ?? null, options.status ?? null, options.limit ?? 50],
  );
  const progress = await platformProgress(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toSummary(r, progress.get(r.id) ?? []));
}
