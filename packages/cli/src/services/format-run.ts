import type { RunHealth, RunPlan, RunSummary } from '@citebots/sdk';
import type { QueryResultRow } from './run-results.js';

export function usd(value: number): string {
  return `$${value.toFixed(value !== 0 && Math.abs(value) < 0.01 ? 4 : 2)}`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** A small fixed-width table (no colours, so it reads the same in logs and terminals). */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function formatMinutes(minutes: number): string {
  return minutes < 1 ? `${Math.ceil(minutes * 60)} s` : `${Math.ceil(minutes)} min`;
}

export function formatPlan(plan: RunPlan): string {
  const rows = plan.platforms.map((p) => [
    p.platform,
    p.model,
    String(p.items),
    `${p.calls} (up to ${p.maxCalls} with retries)`,
    usd(p.estimatedCostUsd),
    p.priceTableDate ?? '',
    p.requestsPerMinute ? `${p.requestsPerMinute}/min, >= ${formatMinutes(p.minMinutes ?? 0)}` : 'no limit',
  ]);
  return [
    `Plan (dry run, nothing was called or written): ${plan.queries} queries x ${plan.platforms.length} platform(s)`,
    table(['platform', 'model', 'items', 'calls', 'est. cost', 'prices of', 'rate limit, time'], rows),
    `Total: ${plan.items} items, ${plan.calls} calls, estimated ${usd(plan.estimatedCostUsd)}`,
  ].join('\n');
}

/** Run header, totals and per-platform progress. */
export function formatRun(run: RunSummary): string {
  const c = run.counts;
  const lines = [
    `Run ${run.id}${run.batchId ? ` (batch ${run.batchId})` : ''}: ${run.status}${run.pausedReason ? ` (${run.pausedReason})` : ''}`,
    `Client: ${run.clientName}${run.clientDomain ? ` (${run.clientDomain})` : ''}; created ${run.createdAt.toISOString()}`,
    `Items: ${c.total} total, ${c.completed} completed, ${c.failed} failed, ${c.pending} pending, ${c.processing} processing, ${c.cancelled} cancelled`,
    `Cost: ${usd(run.costUsd)}${run.maxCostUsd !== null ? ` (limit ${usd(run.maxCostUsd)})` : ''}`,
  ];
  if (run.byPlatform.length > 0) {
    lines.push(
      table(
        ['platform', 'done', 'completed', 'failed', 'pending', 'processing', 'cost'],
        run.byPlatform.map((p) => [
          p.platform,
          `${p.completed + p.failed + p.cancelled}/${p.total}`,
          String(p.completed),
          String(p.failed),
          String(p.pending),
          String(p.processing),
          usd(p.costUsd),
        ]),
      ),
    );
  }
  return lines.join('\n');
}

export function formatHealth(h: RunHealth): string {
  const stuck =
    h.stuck > 0 ? ` (${h.stuck} stuck: processing with an expired lease; a worker reclaims them)` : '';
  return `Health: ${h.processing} processing, ${h.stuck} stuck${stuck}, ${h.throughputPerMinute.toFixed(1)} items/min over the last 5 minutes`;
}

function position(row: QueryResultRow): string {
  if (row.status !== 'completed') return row.status;
  if (!row.brandMentioned) return 'not mentioned';
  if (row.brandRank === null) return 'cited only (not named)';
  const rank = `named #${row.brandRank} of tracked brands`;
  return row.brandListRank !== null ? `${rank}, list #${row.brandListRank}` : rank;
}

function domains(row: QueryResultRow): string {
  if (row.status === 'failed') return row.error ?? '';
  if (row.citedDomains.length === 0) return row.status === 'completed' ? '(no citations)' : '';
  return row.citedDomains.map((d) => (d.own ? `* ${d.domain}` : d.domain)).join(', ');
}

/** Per query and platform: brand mentioned and its position, and the cited domains (`*` marks the client's own). */
export function formatQueryRows(rows: QueryResultRow[], multiPlatform: boolean): string {
  const header = ['query', ...(multiPlatform ? ['platform'] : []), 'brand', 'cited domains (* = yours)'];
  return table(
    header,
    rows.map((r) => [
      r.query.length > 60 ? `${r.query.slice(0, 57)}...` : r.query,
      ...(multiPlatform ? [r.platform] : []),
      position(r),
      domains(r),
    ]),
  );
}

/** A run as JSON-friendly data (dates as ISO strings). */
export function runJson(run: RunSummary) {
  return {
    id: run.id,
    batchId: run.batchId,
    status: run.status,
    pausedReason: run.pausedReason,
    client: { id: run.clientId, name: run.clientName, domain: run.clientDomain },
    platforms: run.platforms,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    completedAt: run.completedAt?.toISOString() ?? null,
    costUsd: run.costUsd,
    maxCostUsd: run.maxCostUsd,
    counts: run.counts,
    byPlatform: run.byPlatform,
  };
}

export type RunJson = ReturnType<typeof runJson>;
