import { isSameSite } from './domain-match.js';
import { findMentions } from './mentions.js';
import type { PageFacts } from './page-facts.js';
import { relevance } from './relevance.js';
import type { BrandAnalysis, PageAnalysis } from './types.js';

/** The brand to look for; a `ClientProfile` from @citebots/sdk fits. */
export interface BrandSubject {
  name: string;
  domain?: string | null;
  aliases?: readonly string[];
  competitors?: ReadonlyArray<{ name: string; domain?: string | null; aliases?: readonly string[] }>;
}

export function analyzeBrand(facts: PageFacts, client: BrandSubject | null | undefined): BrandAnalysis {
  const url = facts.url;
  if (!client) {
    return {
      isClientDomain: false,
      isCompetitorDomain: false,
      competitorDomainOf: null,
      brand: null,
      competitors: [],
      mentionTypes: [],
    };
  }
  const title = facts.text.title || null;
  const body = facts.text.body;
  const isClientDomain = url ? isSameSite(url, client.domain) : false;
  const competitorSite =
    url && !isClientDomain ? (client.competitors ?? []).find((c) => isSameSite(url, c.domain)) : undefined;
  const brand = findMentions(client.name, client.aliases ?? [], body, title);
  const competitors = (client.competitors ?? []).map((c) =>
    findMentions(c.name, c.aliases ?? [], body, title),
  );
  const mentioned = competitors.filter((c) => c.count > 0 || c.inTitle);
  const types: string[] = [];
  if (isClientDomain) types.push('client_domain');
  if (competitorSite) types.push('competitor_domain');
  if (brand.inTitle) types.push('brand_in_title');
  if (brand.count > 0) types.push('brand_mention');
  if (mentioned.length > 0) types.push('competitor_mention');
  if (brand.count > 0 && mentioned.length > 0) types.push('comparison');
  return {
    isClientDomain,
    isCompetitorDomain: competitorSite !== undefined,
    competitorDomainOf: competitorSite?.name ?? null,
    brand,
    competitors,
    mentionTypes: types,
  };
}

/** Adds the client- and query-dependent parts (brand, competitors, relevance) to a page's facts. */
export function scorePage(
  facts: PageFacts,
  options: { client?: BrandSubject | null; query?: string | null } = {},
): PageAnalysis {
  const rel = relevance(options.query, facts.text);
  return {
    url: facts.url,
    domain: facts.domain,
    registrableDomain: facts.registrableDomain,
    title: facts.title,
    technicalSeo: facts.technicalSeo,
    onPageSeo: facts.onPageSeo,
    contentQuality: facts.contentQuality,
    brand: analyzeBrand(facts, options.client),
    relevance: rel,
    relevanceScore: rel?.score ?? null,
    contentQualityScore: facts.contentQuality.score,
    analysisVersion: facts.analysisVersion,
  };
}
