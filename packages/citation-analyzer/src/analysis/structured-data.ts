/** What the page's JSON-LD says, reduced to the fields the analysis uses. */
export interface StructuredData {
  /** Every @type found (JSON-LD, @graph and nested objects included), without duplicates. */
  types: string[];
  jsonLdBlocks: number;
  /** Blocks that were not valid JSON. */
  jsonLdErrors: number;
  /** The first article-like object (Article, NewsArticle, BlogPosting, WebPage...). */
  headline: string | null;
  name: string | null;
  /** The article's publisher name (to tell a site name from a title). */
  publisherName: string | null;
  datePublished: string | null;
  dateModified: string | null;
  inLanguage: string | null;
  /** Questions of FAQPage / QAPage objects. */
  faqQuestions: number;
}

const ARTICLE_TYPE =
  /^(?:Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference|HowTo|Recipe)$/;
const PAGE_TYPE = /^(?:WebPage|ItemPage|AboutPage|FAQPage|QAPage|CollectionPage|ProfilePage|MedicalWebPage)$/;
const MAX_OBJECTS = 2000;

type Json = Record<string, unknown>;

function typesOf(object: Json): string[] {
  const raw = object['@type'];
  const list = Array.isArray(raw) ? raw : [raw];
  return list
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.replace(/^https?:\/\/schema\.org\//, '').replace(/^schema:/, ''));
}

function stringOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) return stringOf(value[0]);
  if (value && typeof value === 'object') {
    const object = value as Json;
    return stringOf(object['@value'] ?? object.name ?? object.alternateName ?? null);
  }
  return null;
}

function parseBlock(text: string): unknown {
  const cleaned = text
    .trim()
    .replace(/^(?:\/\/|\/\*)?\s*(?:<!--|<!\[CDATA\[)\s*(?:\*\/)?/, '')
    .replace(/(?:\/\/|\/\*)?\s*(?:-->|\]\]>)\s*(?:\*\/)?$/, '')
    .trim();
  try {
    return JSON.parse(cleaned);
  } catch {
    // Raw line breaks and tabs inside strings are the most common authoring mistake.
    return JSON.parse(cleaned.replace(/[\t\n\r\f\v]+/g, ' '));
  }
}

/** Parses every JSON-LD block, walking arrays, @graph and nested objects. */
export function readStructuredData(blocks: string[], itemTypes: string[]): StructuredData {
  const out: StructuredData = {
    types: [],
    jsonLdBlocks: blocks.length,
    jsonLdErrors: 0,
    headline: null,
    name: null,
    publisherName: null,
    datePublished: null,
    dateModified: null,
    inLanguage: null,
    faqQuestions: 0,
  };
  const types = new Set<string>();
  const found: { article: Json | null; page: Json | null; anyDated: Json | null } = {
    article: null,
    page: null,
    anyDated: null,
  };
  let visited = 0;

  const walk = (value: unknown, depth: number): void => {
    if (depth > 12 || visited > MAX_OBJECTS) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    if (!value || typeof value !== 'object') return;
    visited++;
    const object = value as Json;
    const objectTypes = typesOf(object);
    for (const t of objectTypes) types.add(t);
    if (!found.article && objectTypes.some((t) => ARTICLE_TYPE.test(t))) found.article = object;
    if (!found.page && objectTypes.some((t) => PAGE_TYPE.test(t))) found.page = object;
    if (!found.anyDated && (object.datePublished || object.dateModified)) found.anyDated = object;
    if (objectTypes.includes('Question') && (object.acceptedAnswer || object.suggestedAnswer)) {
      out.faqQuestions++;
    }
    for (const [key, child] of Object.entries(object)) {
      if (key === '@context') continue;
      if (child && typeof child === 'object') walk(child, depth + 1);
    }
  };

  for (const block of blocks) {
    try {
      walk(parseBlock(block), 0);
    } catch {
      out.jsonLdErrors++;
    }
  }
  for (const t of itemTypes) {
    types.add(t.replace(/^https?:\/\/schema\.org\//, ''));
  }
  out.types = [...types];
  const main = found.article ?? found.page;
  const dated = found.article ?? found.anyDated ?? found.page;
  if (main) {
    out.headline = stringOf(main.headline);
    out.name = stringOf(main.name);
    out.publisherName = stringOf(main.publisher);
  }
  if (dated) {
    out.datePublished = stringOf(dated.datePublished);
    out.dateModified = stringOf(dated.dateModified);
  }
  const languageSource = found.article ?? found.page;
  if (languageSource) out.inLanguage = stringOf(languageSource.inLanguage);
  return out;
}
