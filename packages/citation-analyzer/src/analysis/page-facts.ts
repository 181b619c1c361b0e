import { ANALYSIS_VERSION } from '../version.js';
import { collectPage, type RawPage } from './collect-page.js';
import { findModified, findPublished } from './dates.js';
import { displayHost, registrableDomain } from './domain-match.js';
import { classifyLinks } from './links.js';
import { articleTitle } from './page-title.js';
import { qualityScore } from './quality-score.js';
import { readStructuredData, type StructuredData } from './structured-data.js';
import { findQuotedSentences, findStatistics, textStats } from './text-stats.js';
import type { ContentQuality, OnPageSeo, TechnicalSeo } from './types.js';

/** What the fetch knew about the page; all optional for HTML you already have. */
export interface PageContext {
  url?: string | null;
  headers?: Record<string, string | string[] | undefined>;
  status?: number | null;
  redirectChain?: Array<{ url: string; status: number }>;
  responseTimeMs?: number | null;
  bytes?: number | null;
  truncated?: boolean;
  charset?: string | null;
  /** The clock for freshness (default: now). */
  now?: Date;
}

/** The query- and client-independent analysis of a page, plus the text that scoring reads. */
export interface PageFacts {
  url: string | null;
  domain: string | null;
  registrableDomain: string | null;
  title: string | null;
  technicalSeo: TechnicalSeo;
  onPageSeo: OnPageSeo;
  contentQuality: ContentQuality;
  text: { title: string; headings: string; body: string };
  analysisVersion: number;
}

function lowerHeaders(headers: PageContext['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function resolve(href: string, base: string | null): string | null {
  try {
    return base ? new URL(href, base).toString() : new URL(href).toString();
  } catch {
    return null;
  }
}

function prefixed(meta: Map<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of meta) if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
  return out;
}

function sameUrl(a: string, b: string): boolean {
  const strip = (u: string) => u.replace(/#.*$/, '').replace(/\/$/, '');
  return strip(a) === strip(b);
}

function technical(
  raw: RawPage,
  data: StructuredData,
  ctx: PageContext,
  headers: Record<string, string>,
  base: string | null,
): TechnicalSeo {
  const robotsMeta = [raw.meta.get('robots'), raw.meta.get('googlebot')].filter(Boolean).join(', ') || null;
  const xRobots = headers['x-robots-tag'] ?? null;
  const directives = `${robotsMeta ?? ''},${xRobots ?? ''}`.toLowerCase();
  const noindex = /\b(noindex|none)\b/.test(directives);
  const nofollow = /\b(nofollow|none)\b/.test(directives);
  const canonical = raw.canonical ? resolve(raw.canonical, base) : null;
  const ogLocale = raw.meta.get('og:locale') ?? null;
  const contentLanguage = headers['content-language'] ?? raw.meta.get('content-language') ?? null;
  const candidates: Array<[string | null, string]> = [
    [raw.htmlLang, 'html lang'],
    [contentLanguage?.split(',')[0]?.trim() || null, 'content-language'],
    [ogLocale ? ogLocale.replace('_', '-') : null, 'og:locale'],
    [data.inLanguage, 'json-ld inLanguage'],
  ];
  const language = candidates.find(([value]) => value) ?? [null, null];
  const url = ctx.url ?? null;
  const status = ctx.status ?? null;
  return {
    status,
    finalUrl: url,
    redirectChain: ctx.redirectChain ?? [],
    responseTimeMs: ctx.responseTimeMs ?? null,
    bytes: ctx.bytes ?? null,
    truncated: ctx.truncated ?? false,
    https: url ? url.startsWith('https:') : false,
    contentType: headers['content-type'] ?? null,
    charset: ctx.charset ?? null,
    canonical: { url: canonical, isSelf: canonical && url ? sameUrl(canonical, url) : null },
    robots: { meta: robotsMeta, xRobotsTag: xRobots, noindex, nofollow },
    indexable: !noindex && (status === null || (status >= 200 && status < 300)),
    hreflang: raw.hreflang.slice(0, 100),
    structuredData: {
      types: data.types,
      jsonLdBlocks: data.jsonLdBlocks,
      jsonLdErrors: data.jsonLdErrors,
      microdataTypes: [...new Set(raw.itemTypes)],
    },
    openGraph: prefixed(raw.meta, 'og:'),
    twitterCard: prefixed(raw.meta, 'twitter:'),
    language: {
      value: language[0],
      source: language[0] ? language[1] : null,
      htmlLang: raw.htmlLang,
      contentLanguage,
      ogLocale,
    },
    dir: raw.htmlDir,
  };
}

/** Parses the HTML once and computes everything that depends on the page alone. */
export function extractPageFacts(html: string, ctx: PageContext = {}): PageFacts {
  const raw = collectPage(html);
  const headers = lowerHeaders(ctx.headers);
  const url = ctx.url ?? null;
  const base = raw.baseHref ? resolve(raw.baseHref, url) : url;
  const data = readStructuredData(raw.jsonLd, raw.itemTypes);
  const tech = technical(raw, data, ctx, headers, base);

  // On-page
  const ogTitle = raw.meta.get('og:title') ?? null;
  const h1 = raw.headings.filter((h) => h.level === 1).map((h) => h.text);
  const [title, titleSource]: [string | null, OnPageSeo['titleSource']] = raw.title
    ? [raw.title, 'title tag']
    : ogTitle
      ? [ogTitle, 'og:title']
      : h1[0]
        ? [h1[0], 'h1']
        : [null, null];
  const chosen = articleTitle(raw, data);
  const mainStats = raw.hasMain ? textStats(raw.mainText, tech.language.value) : null;
  const useMain = mainStats !== null && mainStats.wordCount >= 50;
  const contentText = useMain ? raw.mainText : raw.bodyText;
  const contentStats = useMain ? mainStats : textStats(raw.bodyText, tech.language.value);
  const wordCount = contentStats.wordCount;

  const pageSite = url ? registrableDomain(url) : null;
  const links = classifyLinks(raw, pageSite);
  const counts = { h1: 0, h2: 0, h3: 0, h4: 0, h5: 0, h6: 0 };
  for (const h of raw.headings) counts[`h${h.level}` as keyof typeof counts]++;
  const description = raw.meta.get('description') ?? raw.meta.get('og:description') ?? null;
  const imagesWithAltAttr = raw.images.withAlt + raw.images.emptyAlt;
  const onPage: OnPageSeo = {
    title,
    titleSource,
    titleLength: title?.length ?? 0,
    articleTitle: chosen.text,
    articleTitleSource: chosen.source,
    metaDescription: description,
    metaDescriptionLength: description?.length ?? 0,
    h1,
    headingCounts: counts,
    outline: raw.headings.slice(0, 50),
    wordCount,
    wordCountSource: useMain ? 'main' : 'body',
    links: {
      internal: links.internal,
      external: links.external,
      nofollow: links.nofollow,
      externalDomains: links.externalDomains,
    },
    images: {
      ...raw.images,
      altCoverage: raw.images.total ? Math.round((imagesWithAltAttr / raw.images.total) * 100) / 100 : null,
    },
  };

  // Content quality
  const now = ctx.now ?? new Date();
  const published = findPublished(raw, data);
  const modified = findModified(raw, data, headers);
  const newest = [published?.iso, modified?.iso]
    .filter((d): d is string => !!d)
    .sort()
    .pop();
  const ageDays = newest ? Math.max(0, Math.floor((now.getTime() - Date.parse(newest)) / 86_400_000)) : null;
  const statistics = findStatistics(contentText);
  const quoted = findQuotedSentences(contentText);
  const questionHeadings = raw.headings.filter((h) => h.level >= 2 && /\?\s*$/.test(h.text)).length;
  const faqPresent =
    data.faqQuestions > 0 || data.types.includes('FAQPage') || raw.details >= 2 || questionHeadings >= 3;
  const read = contentStats.readability;
  const quotationCount = raw.blockquotes + raw.inlineQuotes + quoted.count;
  const scored = qualityScore({
    wordCount,
    subHeadings: raw.headings.filter((h) => h.level >= 2).length,
    lists: raw.lists,
    tables: raw.tables,
    faq: faqPresent,
    flesch: read.fleschReadingEase,
    statistics: statistics.count,
    quotations: quotationCount,
    citedSources: links.citedDomains,
    ageDays,
    hasTitle: !!title,
    hasDescription: !!description,
    hasStructuredData: data.types.length > 0,
    hasCanonical: !!tech.canonical.url,
    hasLanguage: !!tech.language.value,
  });
  const quality: ContentQuality = {
    readability: read,
    published,
    modified,
    ageDays,
    lists: raw.lists,
    listItems: raw.listItems,
    tables: raw.tables,
    faq: {
      present: faqPresent,
      jsonLdQuestions: data.faqQuestions,
      detailsBlocks: raw.details,
      questionHeadings,
    },
    statistics,
    quotations: {
      blockquotes: raw.blockquotes,
      inlineQuotes: raw.inlineQuotes,
      quotedSentences: quoted.count,
      examples: quoted.examples,
    },
    citedSources: links.citedDomains,
    score: scored.score,
    scoreParts: scored.parts,
  };

  return {
    url,
    domain: url ? displayHost(url) : null,
    registrableDomain: pageSite,
    title,
    technicalSeo: tech,
    onPageSeo: onPage,
    contentQuality: quality,
    text: {
      title: [title, chosen.text !== title ? chosen.text : null].filter(Boolean).join(' '),
      headings: raw.headings.map((h) => h.text).join('\n'),
      body: contentText,
    },
    analysisVersion: ANALYSIS_VERSION,
  };
}
