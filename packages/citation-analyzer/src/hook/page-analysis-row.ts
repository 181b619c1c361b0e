import type { PageFacts } from '../analysis/page-facts.js';
import type { BrandAnalysis, PageAnalysis } from '../analysis/types.js';
import type { CrawlResult } from '../crawler/crawl-result.js';
import { crawlErrorText } from '../crawler/crawl-result.js';
import { ANALYSIS_VERSION } from '../version.js';

/** One `page_analyses` row, by column name. */
export type PageAnalysisRow = Record<(typeof PAGE_ANALYSIS_COLUMNS)[number], unknown>;

/** Columns written, with the SQL cast of each parameter. */
export const PAGE_ANALYSIS_COLUMNS = [
  'query_id',
  'page_analysis_id',
  'citation_url',
  'citation_position',
  'domain_name',
  'is_client_domain',
  'is_competitor_domain',
  'page_title',
  'brand_mentioned',
  'brand_mention_count',
  'brand_in_title',
  'brand_context',
  'competitor_mentioned',
  'competitor_names',
  'competitor_analysis',
  'competitor_context',
  'mention_type',
  'analysis_notes',
  'technical_seo',
  'on_page_seo',
  'content_quality',
  'page_performance',
  'page_analysis',
  'relevance_score',
  'content_quality_score',
  'query_keyword',
  'query_text',
  'crawl_error',
  'normalized_url',
  'final_url',
  'http_status',
  'content_type',
  'page_language',
  'word_count',
  'published_at',
  'modified_at',
  'response_time_ms',
  'crawled_at',
  'analysis_version',
] as const;

export const PAGE_ANALYSIS_CASTS: Partial<Record<(typeof PAGE_ANALYSIS_COLUMNS)[number], string>> = {
  query_id: 'uuid',
  competitor_names: 'text[]',
  mention_type: 'text[]',
  competitor_analysis: 'jsonb',
  technical_seo: 'jsonb',
  on_page_seo: 'jsonb',
  content_quality: 'jsonb',
  page_performance: 'jsonb',
  page_analysis: 'jsonb',
  relevance_score: 'numeric',
  content_quality_score: 'numeric',
  published_at: 'timestamptz',
  modified_at: 'timestamptz',
  crawled_at: 'timestamptz',
};

export interface RowInput {
  resultId: string;
  citation: {
    url: string;
    position: number;
    title?: string | null;
    snippet?: string | null;
    date?: string | null;
  };
  normalizedUrl: string | null;
  pageId: string;
  crawl: CrawlResult | null;
  /** The crawl's error text when it failed (or the URL could not be crawled at all). */
  error: string | null;
  facts: PageFacts | null;
  analysis: PageAnalysis | null;
  /** Domain facts known without a crawl (client/competitor domain). */
  brand: BrandAnalysis;
  domain: string | null;
  query: { text: string; keyword?: string | null };
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

function notes(input: RowInput): string | null {
  const a = input.analysis;
  if (!a) return input.error ? `Not analysed: ${input.error}` : null;
  const out: string[] = [];
  if (a.technicalSeo.robots.noindex) out.push('the page asks not to be indexed (noindex)');
  if (a.technicalSeo.truncated) out.push(`only the first ${a.technicalSeo.bytes} bytes were read`);
  if (a.technicalSeo.redirectChain.length) out.push(`${a.technicalSeo.redirectChain.length} redirect(s)`);
  if (a.contentQuality.readability.fleschReadingEase === null) {
    out.push(
      `readability not computed (language ${a.technicalSeo.language.value ?? 'unknown'} or too little text)`,
    );
  }
  if (a.onPageSeo.wordCount < 150) out.push('thin content (under 150 words)');
  return out.length ? `${out.join('; ')}.` : null;
}

/** Maps a citation and its page analysis (or crawl failure) to one page_analyses row. */
export function buildPageAnalysisRow(input: RowInput): PageAnalysisRow {
  const a = input.analysis;
  const brand = input.brand;
  const crawl = input.crawl;
  const mentionedCompetitors = brand.competitors.filter((c) => c.count > 0 || c.inTitle);
  return {
    query_id: input.resultId,
    page_analysis_id: input.pageId,
    citation_url: input.citation.url,
    citation_position: input.citation.position,
    domain_name: input.domain,
    is_client_domain: brand.isClientDomain,
    is_competitor_domain: brand.isCompetitorDomain,
    page_title: a?.title ?? input.citation.title ?? null,
    brand_mentioned: (brand.brand?.count ?? 0) > 0 || (brand.brand?.inTitle ?? false),
    brand_mention_count: brand.brand?.count ?? 0,
    brand_in_title: brand.brand?.inTitle ?? false,
    brand_context: brand.brand?.contexts.length ? brand.brand.contexts.join('\n') : null,
    competitor_mentioned: mentionedCompetitors.length > 0,
    competitor_names: mentionedCompetitors.map((c) => c.name),
    competitor_analysis: json({
      competitorDomainOf: brand.competitorDomainOf,
      competitors: brand.competitors,
    }),
    competitor_context: mentionedCompetitors.flatMap((c) => c.contexts.slice(0, 1)).join('\n') || null,
    mention_type: brand.mentionTypes,
    analysis_notes: notes(input),
    technical_seo: json(a?.technicalSeo ?? null),
    on_page_seo: json(a?.onPageSeo ?? null),
    content_quality: json(a?.contentQuality ?? null),
    page_performance: json(
      crawl
        ? {
            responseTimeMs: crawl.responseTimeMs,
            bytes: crawl.ok ? crawl.bytes : null,
            truncated: crawl.ok ? crawl.truncated : false,
            redirects: crawl.redirects.length,
            attempts: crawl.attempts,
          }
        : null,
    ),
    page_analysis: json({
      citation: {
        title: input.citation.title ?? null,
        snippet: input.citation.snippet ?? null,
        date: input.citation.date ?? null,
      },
      url: input.normalizedUrl,
      finalUrl: crawl?.finalUrl ?? null,
      registrableDomain: a?.registrableDomain ?? null,
      articleTitle: a?.onPageSeo.articleTitle ?? null,
      language: a?.technicalSeo.language.value ?? null,
      published: a?.contentQuality.published ?? null,
      modified: a?.contentQuality.modified ?? null,
      wordCount: a?.onPageSeo.wordCount ?? null,
      relevance: a?.relevance ?? null,
      error: crawl && !crawl.ok ? crawl.error : null,
      analysisVersion: ANALYSIS_VERSION,
    }),
    relevance_score: a?.relevanceScore ?? null,
    content_quality_score: a ? a.contentQualityScore : null,
    query_keyword: input.query.keyword ?? null,
    query_text: input.query.text,
    crawl_error: input.error ?? (crawl && !crawl.ok ? crawlErrorText(crawl) : null),
    normalized_url: input.normalizedUrl,
    final_url: crawl?.finalUrl ?? null,
    http_status: crawl?.status ?? null,
    content_type: crawl?.ok ? crawl.contentType : (crawl?.headers['content-type'] ?? null),
    page_language: a?.technicalSeo.language.value ?? null,
    word_count: a?.onPageSeo.wordCount ?? null,
    published_at: a?.contentQuality.published?.iso ?? null,
    modified_at: a?.contentQuality.modified?.iso ?? null,
    response_time_ms: crawl?.responseTimeMs ?? null,
    crawled_at: crawl?.fetchedAt ?? null,
    analysis_version: ANALYSIS_VERSION,
  };
}
