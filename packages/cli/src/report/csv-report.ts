import type { RunReport } from '@citebots/sdk';

type Cell = string | number | boolean | null | undefined;

/**
 * One CSV field (RFC 4180 quoting). A text starting with = + - @ (or a tab / CR) is prefixed
 * with ' so that a spreadsheet never evaluates an answer as a formula.
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(header: string[], rows: Cell[][]): string {
  return `${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** One row per answer (query × platform). */
export function answersCsv(report: RunReport): string {
  const header = [
    'run_id',
    'platform',
    'model',
    'query_id',
    'query',
    'category',
    'branded',
    'mentioned',
    'mention_type',
    'rank',
    'list_rank',
    'sentiment',
    'competitors_mentioned',
    'citations',
    'client_cited',
    'cited_urls',
    'excerpt',
    'cost_usd',
    'created_at',
    'simulated',
  ];
  const rows = report.answers.map((a) => [
    report.run.id,
    a.platform,
    a.model,
    a.queryId,
    a.query,
    a.category,
    a.branded,
    a.mentioned,
    a.mentionType,
    a.rank,
    a.listRank,
    a.sentiment,
    a.competitorsMentioned.join('; '),
    a.citations.length,
    a.citations.some((c) => c.isClient),
    a.citations.map((c) => c.url).join(' '),
    a.excerpts.join(' … ') || a.opening,
    a.costUsd,
    a.createdAt,
    report.simulated,
  ]);
  return csv(header, rows);
}

/** One row per cited page, with its SEO findings when the citation analyzer crawled it. */
export function pagesCsv(report: RunReport): string {
  const seo = new Map(report.pages.map((p) => [p.url, p]));
  const header = [
    'run_id',
    'url',
    'domain',
    'title',
    'citations',
    'platforms',
    'is_client',
    'competitor',
    'http_status',
    'word_count',
    'quality_score',
    'findings',
    'crawl_error',
  ];
  const rows = report.topPages.map((p) => {
    const s = seo.get(p.url);
    return [
      report.run.id,
      p.url,
      p.domain,
      p.title ?? s?.title ?? null,
      p.citations,
      p.platforms.join('; '),
      p.isClient,
      p.competitor,
      s?.httpStatus ?? null,
      s?.wordCount ?? null,
      s?.qualityScore ?? null,
      s?.findings.join('; ') ?? null,
      s?.crawlError ?? null,
    ];
  });
  return csv(header, rows);
}
