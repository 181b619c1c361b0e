import { loadRunClient } from '../analysis/stored-rows.js';
import { InputError } from '../errors/input-error.js';
import { computeRunMetrics } from '../metrics/run-metrics.js';
import type { SegmentMetrics, VisibilityMetrics } from '../metrics/types.js';
import { getRun } from '../runner/run-summary.js';
import type { Queryable } from '../storage/database.js';
import { type AnalysedAnswer, loadRunAnswers } from './load-answers.js';
import { loadPageAnalyses } from './page-findings.js';
import { loadClientTrend } from './run-trend.js';
import { isSimulatedRun } from './simulated.js';
import type { ReportFailure, ReportPage, RunReport } from './types.js';

export interface BuildRunReportOptions {
  /** Runs of the same client shown in the trend (default 12, this one included). */
  trendRuns?: number;
  /** Cited pages listed (default 25). */
  topPages?: number;
  /** Clock for `generatedAt` (tests). */
  now?: () => Date;
}

/** Headline figures come from non-branded queries when there are any (mentions in branded queries are trivial). */
export function headlineSegment(seg: SegmentMetrics): {
  name: 'nonBranded' | 'branded';
  metrics: VisibilityMetrics;
} {
  return seg.nonBranded.answers > 0 || seg.branded.answers === 0
    ? { name: 'nonBranded', metrics: seg.nonBranded }
    : { name: 'branded', metrics: seg.branded };
}

function topPages(answers: AnalysedAnswer[], limit: number): ReportPage[] {
  const pages = new Map<string, ReportPage & { platformSet: Set<string> }>();
  for (const { answer, analysis, citationTitles } of answers) {
    for (const c of analysis.citations) {
      const p = pages.get(c.url) ?? {
        url: c.url,
        domain: c.domain,
        title: citationTitles.get(c.url) ?? null,
        citations: 0,
        platforms: [],
        platformSet: new Set<string>(),
        isClient: c.isClient,
        competitor: c.competitor,
      };
      p.citations += 1;
      p.platformSet.add(answer.platform);
      pages.set(c.url, p);
    }
  }
  return [...pages.values()]
    .sort(
      (a, b) =>
        b.citations - a.citations || Number(b.isClient) - Number(a.isClient) || a.url.localeCompare(b.url),
    )
    .slice(0, limit)
    .map(({ platformSet, ...p }) => ({ ...p, platforms: [...platformSet].sort() }));
}

async function loadFailures(db: Queryable, runId: string): Promise<ReportFailure[]> {
  const rows = await db.query<{
    query_id: string | null;
    query_text: string | null;
    platform: string | null;
    error_message: string | null;
  }>(
    `SELECT query_id, query_text, platform, error_message FROM analysis_queue
      WHERE analysis_run_id = $1 AND status = 'failed' ORDER BY query_text, platform LIMIT 500`,
    [runId],
  );
  return rows.map((r) => ({
    queryId: r.query_id,
    query: r.query_text,
    platform: r.platform,
    error: r.error_message,
  }));
}

/**
 * Everything a report of one run shows, as plain JSON: headline figures with their intervals,
 * per-platform and per-brand figures, cited domains and pages, every answer with the text around
 * the client's mentions, the cited pages' SEO findings and the client's trend over its runs.
 * Throws InputError when there is no such run.
 */
export async function buildRunReport(
  db: Queryable,
  runId: string,
  options: BuildRunReportOptions = {},
): Promise<RunReport> {
  const run = await getRun(db, runId);
  if (!run) {
    throw new InputError('RUN', [
      {
        field: 'run',
        value: runId,
        problem: 'names no analysis run',
        fix: 'pass the id of an existing run (citebots runs list)',
      },
    ]);
  }
  const client = await loadRunClient(db, runId);
  const [metrics, answers, pages, trend, simulated, failures] = [
    await computeRunMetrics(db, runId),
    await loadRunAnswers(db, runId, client),
    await loadPageAnalyses(db, runId),
    await loadClientTrend(db, runId, options.trendRuns ?? 12),
    await isSimulatedRun(db, runId),
    await loadFailures(db, runId),
  ];
  const head = headlineSegment(metrics.overall);
  const m = head.metrics;
  return {
    schemaVersion: 1,
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    simulated,
    run: {
      id: run.id,
      status: run.status,
      batchId: run.batchId,
      platforms: run.platforms,
      createdAt: run.createdAt.toISOString(),
      completedAt: run.completedAt ? run.completedAt.toISOString() : null,
      costUsd: run.costUsd,
      counts: run.counts,
    },
    client: {
      name: client.name,
      domain: client.domain,
      competitors: client.competitors.map((c) => ({ name: c.name, domain: c.domain ?? null })),
    },
    headlineSegment: head.name,
    headline: {
      answers: m.answers,
      visibility: m.visibility,
      shareOfVoice: m.shareOfVoice,
      citationShare: m.citationShare,
      averagePosition: m.averagePosition,
      favourable: m.sentiment.favourable,
    },
    byPlatform: Object.entries(metrics.byPlatform)
      .map(([platform, seg]) => {
        const s = seg[head.name];
        return {
          platform,
          answers: s.answers,
          visibility: s.visibility,
          shareOfVoice: s.shareOfVoice,
          citationShare: s.citationShare,
          averagePosition: s.averagePosition,
        };
      })
      .sort((a, b) => a.platform.localeCompare(b.platform)),
    brands: m.brands.map((b) => ({
      name: b.name,
      isClient: b.isClient,
      visibility: b.visibility,
      shareOfVoice: b.shareOfVoice,
      citationShare: b.citationShare,
      averagePosition: b.averagePosition,
    })),
    topDomains: m.topCitedDomains,
    topPages: topPages(answers, options.topPages ?? 25),
    answers: answers.map((a) => a.answer),
    failures,
    pages,
    trend,
    metrics,
  };
}
