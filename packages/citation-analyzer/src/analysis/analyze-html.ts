import { extractPageFacts, type PageContext } from './page-facts.js';
import { type BrandSubject, scorePage } from './score-page.js';
import type { PageAnalysis } from './types.js';

export interface AnalyzeHtmlOptions extends PageContext {
  /** The client (and its competitors) whose mentions are counted. */
  client?: BrandSubject | null;
  /** The question the page was cited for; drives `relevanceScore`. */
  query?: string | null;
}

/**
 * Analyses HTML you already have. Pure: no network, no clock unless `now` is omitted (freshness).
 * One streaming pass of htmlparser2's parser, no DOM.
 */
export function analyzeHtml(html: string, options: AnalyzeHtmlOptions = {}): PageAnalysis {
  return scorePage(extractPageFacts(html, options), { client: options.client, query: options.query });
}
