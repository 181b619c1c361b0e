import type { DateFinding } from './dates.js';
import type { MentionResult } from './mentions.js';
import type { Relevance } from './relevance.js';
import type { Readability } from './text-stats.js';

/** Stored in `page_analyses.technical_seo`. */
export interface TechnicalSeo {
  status: number | null;
  finalUrl: string | null;
  redirectChain: Array<{ url: string; status: number }>;
  responseTimeMs: number | null;
  bytes: number | null;
  truncated: boolean;
  https: boolean;
  contentType: string | null;
  charset: string | null;
  canonical: { url: string | null; isSelf: boolean | null };
  robots: { meta: string | null; xRobotsTag: string | null; noindex: boolean; nofollow: boolean };
  indexable: boolean;
  hreflang: Array<{ lang: string; href: string }>;
  structuredData: { types: string[]; jsonLdBlocks: number; jsonLdErrors: number; microdataTypes: string[] };
  openGraph: Record<string, string>;
  twitterCard: Record<string, string>;
  language: {
    value: string | null;
    source: string | null;
    htmlLang: string | null;
    contentLanguage: string | null;
    ogLocale: string | null;
  };
  dir: string | null;
}

export interface HeadingItem {
  level: number;
  text: string;
}

/** Stored in `page_analyses.on_page_seo`. */
export interface OnPageSeo {
  /** The title tag, else og:title, else the first h1. */
  title: string | null;
  titleSource: 'title tag' | 'og:title' | 'h1' | null;
  titleLength: number;
  /** The article's own title (JSON-LD headline, og:title, title tag without the site name). */
  articleTitle: string | null;
  articleTitleSource: string | null;
  metaDescription: string | null;
  metaDescriptionLength: number;
  h1: string[];
  headingCounts: Record<'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6', number>;
  /** The heading outline (first 50 headings). */
  outline: HeadingItem[];
  wordCount: number;
  wordCountSource: 'main' | 'body';
  links: { internal: number; external: number; nofollow: number; externalDomains: number };
  images: {
    total: number;
    withAlt: number;
    emptyAlt: number;
    missingAlt: number;
    altCoverage: number | null;
  };
}

export interface QualityScoreParts {
  depth: number;
  structure: number;
  readability: number;
  statistics: number;
  quotations: number;
  citations: number;
  freshness: number;
  metadata: number;
}

/** Stored in `page_analyses.content_quality`. */
export interface ContentQuality {
  readability: Readability;
  published: DateFinding | null;
  modified: DateFinding | null;
  /** Days from the newer of modified/published to the analysis time. */
  ageDays: number | null;
  lists: number;
  listItems: number;
  tables: number;
  faq: { present: boolean; jsonLdQuestions: number; detailsBlocks: number; questionHeadings: number };
  statistics: { count: number; examples: string[] };
  quotations: { blockquotes: number; inlineQuotes: number; quotedSentences: number; examples: string[] };
  /** External sites the content links to (sources cited). */
  citedSources: number;
  score: number;
  scoreParts: QualityScoreParts;
}

/** The client/competitor part, stored in the brand columns and `competitor_analysis`. */
export interface BrandAnalysis {
  isClientDomain: boolean;
  isCompetitorDomain: boolean;
  /** The competitor whose domain this page is on. */
  competitorDomainOf: string | null;
  brand: MentionResult | null;
  competitors: MentionResult[];
  mentionTypes: string[];
}

export interface PageAnalysis {
  url: string | null;
  domain: string | null;
  registrableDomain: string | null;
  title: string | null;
  technicalSeo: TechnicalSeo;
  onPageSeo: OnPageSeo;
  contentQuality: ContentQuality;
  brand: BrandAnalysis;
  relevance: Relevance | null;
  relevanceScore: number | null;
  contentQualityScore: number;
  analysisVersion: number;
}
