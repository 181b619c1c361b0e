import { extractPageFacts, type PageFacts } from './analysis/page-facts.js';
import { type BrandSubject, scorePage } from './analysis/score-page.js';
import type { PageAnalysis } from './analysis/types.js';
import type { CrawlResult } from './crawler/crawl-result.js';
import { crawlErrorText } from './crawler/crawl-result.js';
import type { CrawlerOptionsInput } from './crawler/crawler-options.js';
import { type Crawler, createCrawler } from './crawler/create-crawler.js';

export interface CrawlAndAnalyzeOptions {
  /** A crawler to share (its cache, robots.txt cache and politeness); else one is made and closed. */
  crawler?: Crawler;
  crawlerOptions?: CrawlerOptionsInput;
  client?: BrandSubject | null;
  query?: string | null;
  now?: Date;
  signal?: AbortSignal;
}

export interface CrawlAndAnalyzeResult {
  crawl: CrawlResult;
  /** Null when the crawl failed. */
  analysis: PageAnalysis | null;
  /** The `crawl_error` text, or null. */
  error: string | null;
}

/** Turns a successful crawl into page facts (query- and client-independent). */
export function factsFromCrawl(crawl: CrawlResult, now?: Date): PageFacts | null {
  if (!crawl.ok) return null;
  return extractPageFacts(crawl.html, {
    url: crawl.finalUrl,
    headers: crawl.headers,
    status: crawl.status,
    redirectChain: crawl.redirects,
    responseTimeMs: crawl.responseTimeMs,
    bytes: crawl.bytes,
    truncated: crawl.truncated,
    charset: crawl.charset,
    now,
  });
}

/** Fetches a page safely and analyses it. Never throws for a page that cannot be fetched. */
export async function crawlAndAnalyze(
  url: string,
  options: CrawlAndAnalyzeOptions = {},
): Promise<CrawlAndAnalyzeResult> {
  const crawler = options.crawler ?? createCrawler(options.crawlerOptions);
  try {
    const crawl = await crawler.fetch(url, { signal: options.signal });
    if (!crawl.ok) return { crawl, analysis: null, error: crawlErrorText(crawl) };
    const facts = factsFromCrawl(crawl, options.now)!;
    return { crawl, analysis: scorePage(facts, options), error: null };
  } finally {
    if (!options.crawler) await crawler.close();
  }
}
