import type { RawPage } from './collect-page.js';
import type { StructuredData } from './structured-data.js';

export interface TitleChoice {
  text: string | null;
  source: string | null;
}

const SEPARATORS = /\s+[|\-–/\\>»]+\s+/g;

function tokens(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** Jaccard similarity of the two texts' word sets. */
export function similarity(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

/** Share of `a`'s words that appear in `b`. */
export function overlap(a: string, b: string): number {
  const ta = tokens(a);
  if (ta.size === 0) return 0;
  const tb = tokens(b);
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / ta.size;
}

/** The title tag without a trailing (or leading) " | Site name" part, when what remains is a real title. */
export function stripSiteName(title: string, siteName: string | null): string {
  const separators = [...title.matchAll(SEPARATORS)];
  if (separators.length === 0) return title;
  const lastSep = separators[separators.length - 1]!;
  const firstSep = separators[0]!;
  const beforeLast = title.slice(0, lastSep.index).trim();
  const afterLast = title.slice(lastSep.index + lastSep[0].length).trim();
  const beforeFirst = title.slice(0, firstSep.index).trim();
  const afterFirst = title.slice(firstSep.index + firstSep[0].length).trim();
  if (siteName) {
    if (overlap(afterLast, siteName) >= 0.5) return beforeLast;
    if (overlap(beforeFirst, siteName) >= 0.5) return afterFirst;
  }
  // A short remainder is more likely a section name than the title: keep the whole tag.
  return beforeLast.split(/\s+/).length > 4 ? beforeLast : title;
}

/**
 * The page's own title as a reader would name it: the JSON-LD headline or name of the article
 * (whichever the title tag agrees with), then Dublin Core, og:title, twitter:title, and
 * finally the title tag without its site-name part, then the first h1.
 */
export function articleTitle(page: RawPage, data: StructuredData): TitleChoice {
  const reference = [page.title, page.meta.get('og:title'), page.meta.get('twitter:title')].join(' ');
  const { headline } = data;
  // An article's `name` is sometimes the site's name (the publisher's): not a title then.
  const name = data.name && data.name !== data.publisherName ? data.name : null;
  if (headline && name && headline !== name) {
    const pick = similarity(headline, reference) > similarity(name, reference) ? headline : name;
    return { text: pick, source: pick === headline ? 'json-ld headline' : 'json-ld name' };
  }
  if (name || headline) {
    return { text: (name ?? headline)!, source: name ? 'json-ld name' : 'json-ld headline' };
  }
  for (const key of [
    'dc:title',
    'dc.title',
    'dcterm:title',
    'dcterms.title',
    'og:title',
    'title',
    'twitter:title',
    'parsely-title',
  ]) {
    const value = page.meta.get(key);
    if (value) return { text: value, source: `meta ${key}` };
  }
  if (page.title) {
    const siteName = page.meta.get('og:site_name') ?? page.meta.get('application-name') ?? null;
    return { text: stripSiteName(page.title, siteName), source: 'title tag' };
  }
  const h1 = page.headings.find((h) => h.level === 1);
  return h1 ? { text: h1.text, source: 'h1' } : { text: null, source: null };
}
