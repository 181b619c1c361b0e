import { createHash } from 'node:crypto';
import type { Citation, ResultHook } from '@citebots/sdk';
import { redactSecrets } from '@citebots/sdk';
import { displayHost, isSameSite } from '../analysis/domain-match.js';
import { analyzeBrand, type BrandSubject, scorePage } from '../analysis/score-page.js';
import type { BrandAnalysis } from '../analysis/types.js';
import { factsFromCrawl } from '../crawl-and-analyze.js';
import type { CrawlerOptionsInput } from '../crawler/crawler-options.js';
import { type Crawler, createCrawler } from '../crawler/create-crawler.js';
import { normalizeUrl } from '../crawler/normalize-url.js';
import { replacePageAnalyses } from './insert-page-analyses.js';
import { buildPageAnalysisRow, type PageAnalysisRow } from './page-analysis-row.js';
import { type CachedPage, RunPageCache } from './run-page-cache.js';

export interface CitationResultHookOptions {
  /** A crawler to use; else one is created from `crawlerOptions` (robots.txt cache and politeness shared by all runs). */
  crawler?: Crawler;
  crawlerOptions?: CrawlerOptionsInput;
  /** Citations analysed per result, in citation order (default 20). */
  maxCitations?: number;
  /** Runs whose crawled pages are kept in memory for re-use (default 4). */
  maxCachedRuns?: number;
  /** Clock for freshness (tests). */
  now?: () => Date;
  /** Told about failures of the hook itself (a database error); page failures go to crawl_error. */
  onError?: (error: unknown, context: { runId: string; resultId: string }) => void;
}

export type CitationResultHook = ResultHook & {
  /** Forgets the pages of a finished run. */
  forgetRun(runId: string): void;
  /** Closes the crawler if the hook created it. */
  close(): Promise<void>;
};

function pageId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

function domainOnlyBrand(url: string, client: BrandSubject): BrandAnalysis {
  const isClientDomain = isSameSite(url, client.domain);
  const competitor = isClientDomain
    ? undefined
    : (client.competitors ?? []).find((c) => isSameSite(url, c.domain));
  const types = [isClientDomain ? 'client_domain' : null, competitor ? 'competitor_domain' : null];
  return {
    isClientDomain,
    isCompetitorDomain: competitor !== undefined,
    competitorDomainOf: competitor?.name ?? null,
    brand: null,
    competitors: [],
    mentionTypes: types.filter((t): t is string => t !== null),
  };
}

/** Domain flags follow the URL the engine cited (not where its redirects led); mentions follow the page. */
function citedBrand(url: string, fromPage: BrandAnalysis, client: BrandSubject): BrandAnalysis {
  const cited = domainOnlyBrand(url, client);
  const rest = fromPage.mentionTypes.filter((t) => t !== 'client_domain' && t !== 'competitor_domain');
  return {
    ...fromPage,
    isClientDomain: cited.isClientDomain,
    isCompetitorDomain: cited.isCompetitorDomain,
    competitorDomainOf: cited.competitorDomainOf,
    mentionTypes: [...cited.mentionTypes, ...rest],
  };
}

/**
 * The runner's `afterResult` hook: crawls every page a stored answer cites (once per run,
 * shared by every citation of it), analyses it and writes one `page_analyses` row per
 * citation (query_id = the result's id). A page that cannot be fetched gets a row with
 * `crawl_error`; nothing about a page ever throws out to the run.
 */
export function createCitationResultHook(options: CitationResultHookOptions = {}): CitationResultHook {
  const ownsCrawler = !options.crawler;
  const crawler = options.crawler ?? createCrawler({ ...options.crawlerOptions, cache: false });
  const cache = new RunPageCache(options.maxCachedRuns ?? 4);
  const maxCitations = options.maxCitations ?? 20;
  const now = options.now ?? (() => new Date());

  const hook = async ({ db, runId, resultId, query, client, result, signal }: Parameters<ResultHook>[0]) => {
    try {
      const citations: Citation[] = [...result.citations]
        .sort((a, b) => a.position - b.position)
        .slice(0, maxCitations);
      const rows = await Promise.all(
        citations.map(async (citation): Promise<PageAnalysisRow> => {
          const normalized = normalizeUrl(citation.url);
          const domain = displayHost(citation.url);
          const base = {
            resultId,
            citation,
            normalizedUrl: normalized?.url ?? null,
            pageId: pageId(normalized?.key ?? citation.url),
            domain,
            query,
          };
          let page: CachedPage;
          try {
            page = await cache.get(runId, normalized?.key ?? citation.url, async () => {
              const crawl = await crawler.fetch(citation.url, { signal });
              return { crawl, facts: factsFromCrawl(crawl, now()) };
            });
          } catch (error) {
            const message = redactSecrets(error instanceof Error ? error.message : String(error));
            return buildPageAnalysisRow({
              ...base,
              crawl: null,
              error: `analysis_failed: ${message}`,
              facts: null,
              analysis: null,
              brand: domainOnlyBrand(citation.url, client),
            });
          }
          const analysis = page.facts ? scorePage(page.facts, { client, query: query.text }) : null;
          return buildPageAnalysisRow({
            ...base,
            crawl: page.crawl,
            error: null,
            facts: page.facts,
            analysis,
            brand: page.facts
              ? citedBrand(citation.url, analyzeBrand(page.facts, client), client)
              : domainOnlyBrand(citation.url, client),
          });
        }),
      );
      if (signal.aborted) return;
      await replacePageAnalyses(db, resultId, rows);
    } catch (error) {
      options.onError?.(error, { runId, resultId });
      throw error;
    }
  };

  return Object.assign(hook, {
    forgetRun: (runId: string) => cache.forget(runId),
    close: async () => {
      if (ownsCrawler) await crawler.close();
    },
  });
}
