import { jsonValue } from '../common/json-value.js';
import type { Queryable } from '../storage/database.js';
import type { ReportPageAnalysis } from './types.js';

interface PageRow {
  citation_url: string | null;
  final_url: string | null;
  domain_name: string | null;
  page_title: string | null;
  is_client_domain: boolean | null;
  is_competitor_domain: boolean | null;
  http_status: number | null;
  word_count: number | null;
  content_quality_score: number | string | null;
  relevance_score: number | string | null;
  published_at: Date | string | null;
  modified_at: Date | string | null;
  crawl_error: string | null;
  technical_seo: unknown;
  on_page_seo: unknown;
}

type Obj = Record<string, unknown>;

function obj(value: unknown): Obj {
  const v = jsonValue(value);
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
}

function num(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

const DAY = 86_400_000;

/** Plain-language findings from a page's stored SEO facts; tolerant of rows written by older analyzers. */
export function pageFindings(row: PageRow, now = new Date()): string[] {
  const out: string[] = [];
  if (row.crawl_error) {
    out.push(`Could not be analysed: ${row.crawl_error.slice(0, 120)}`);
    return out;
  }
  if (row.http_status !== null && row.http_status >= 400) out.push(`Answers with HTTP ${row.http_status}`);
  const tech = obj(row.technical_seo);
  const onPage = obj(row.on_page_seo);
  const robots = obj(tech.robots);
  if (tech.indexable === false || robots.noindex === true) out.push('Not indexable (noindex)');
  if (tech.https === false) out.push('Served over plain HTTP');
  const canonical = obj(tech.canonical);
  if (canonical.isSelf === false && typeof canonical.url === 'string')
    out.push('Canonical points to another URL');
  const sd = obj(tech.structuredData);
  if (Array.isArray(sd.types)) {
    if (sd.types.length === 0) out.push('No structured data');
    else out.push(`Structured data: ${(sd.types as unknown[]).slice(0, 4).map(String).join(', ')}`);
  }
  if ('metaDescription' in onPage && !onPage.metaDescription) out.push('No meta description');
  const h1 = onPage.h1;
  if (Array.isArray(h1) && h1.length === 0) out.push('No H1 heading');
  if (Array.isArray(h1) && h1.length > 1) out.push(`${h1.length} H1 headings`);
  const words = row.word_count ?? num(onPage.wordCount);
  if (words !== null && words < 300) out.push(`Thin content (${words} words)`);
  else if (words !== null && words >= 2000) out.push(`Long-form (${words.toLocaleString('en-US')} words)`);
  const updated = iso(row.modified_at) ?? iso(row.published_at);
  if (updated) {
    const days = Math.floor((now.getTime() - new Date(updated).getTime()) / DAY);
    if (days > 365) out.push(`Not updated for ${Math.floor(days / 365)} year${days >= 730 ? 's' : ''}`);
    else if (days >= 0 && days <= 90) out.push('Updated in the last 90 days');
  } else if (row.http_status !== null && row.http_status < 400) {
    out.push('No publication or update date');
  }
  return out;
}

/** The run's cited pages as the citation analyzer stored them (one entry per URL). */
export async function loadPageAnalyses(
  db: Queryable,
  runId: string,
  limit = 50,
): Promise<ReportPageAnalysis[]> {
  const rows = await db.query<PageRow & { citations: number }>(
    `SELECT DISTINCT ON (coalesce(p.normalized_url, p.citation_url))
            p.citation_url, p.final_url, p.domain_name, p.page_title, p.is_client_domain, p.is_competitor_domain,
            p.http_status, p.word_count, p.content_quality_score, p.relevance_score, p.published_at, p.modified_at,
            p.crawl_error, p.technical_seo, p.on_page_seo,
            count(*) OVER (PARTITION BY coalesce(p.normalized_url, p.citation_url))::int AS citations
       FROM page_analyses p
       JOIN analysis_queries q ON q.id = p.query_id
      WHERE q.analysis_run_id = $1 AND p.citation_url IS NOT NULL
      ORDER BY coalesce(p.normalized_url, p.citation_url), p.crawl_error NULLS FIRST, p.created_at DESC`,
    [runId],
  );
  const now = new Date();
  return rows
    .map((r) => ({
      url: r.citation_url ?? '',
      domain: r.domain_name,
      title: r.page_title,
      isClient: r.is_client_domain === true,
      isCompetitor: r.is_competitor_domain === true,
      httpStatus: r.http_status,
      wordCount: r.word_count,
      qualityScore: num(r.content_quality_score),
      relevanceScore: num(r.relevance_score),
      publishedAt: iso(r.published_at),
      modifiedAt: iso(r.modified_at),
      crawlError: r.crawl_error,
      findings: pageFindings(r, now),
      citations: r.citations,
    }))
    .sort(
      (a, b) =>
        Number(b.isClient) - Number(a.isClient) || b.citations - a.citations || a.url.localeCompare(b.url),
    )
    .slice(0, limit)
    .map(({ citations: _c, ...page }) => page);
}
