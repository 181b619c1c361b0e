import type { RawPage } from './collect-page.js';
import type { StructuredData } from './structured-data.js';

export interface DateFinding {
  /** The value as the page wrote it. */
  raw: string;
  /** ISO 8601 in UTC, or null when the text is not a date. */
  iso: string | null;
  source: string;
}

const PUBLISHED_META = [
  'article:published_time',
  'og:article:published_time',
  'parsely-pub-date',
  'article:published',
  'datepublished',
  'publishdate',
  'publish-date',
  'pubdate',
  'date',
  'dc.date.issued',
  'dc.date',
  'dc:date',
  'dcterms.issued',
  'dcterms.created',
  'dcterms.date',
  'sailthru.date',
  'citation_publication_date',
  'citation_date',
];
const MODIFIED_META = [
  'article:modified_time',
  'og:updated_time',
  'og:article:modified_time',
  'datemodified',
  'last-modified',
  'dcterms.modified',
  'dc.date.modified',
];

/** Parses the date formats pages use (ISO 8601 with or without a colon in the offset, RFC 2822...). */
export function toIsoDate(raw: string): string | null {
  let text = raw.trim();
  if (!text) return null;
  // "+0100" offsets and a space instead of "T" are common and not all engines accept them.
  if (/^\d{4}-\d{2}-\d{2}\s+\d{2}:\d{2}/.test(text)) {
    text = text.replace(/^(\d{4}-\d{2}-\d{2})\s+/, '$1T').replace(/\s+([+-]\d{2}:?\d{2}|Z)$/i, '$1');
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) text = text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  if (year < 1990 || year > 2100) return null;
  return new Date(ms).toISOString();
}

function finding(raw: string | null | undefined, source: string): DateFinding | null {
  if (!raw) return null;
  const iso = toIsoDate(raw);
  return iso ? { raw, iso, source } : null;
}

function fromMeta(page: RawPage, keys: string[]): DateFinding | null {
  for (const key of keys) {
    const found = finding(page.meta.get(key), `meta ${key}`);
    if (found) return found;
  }
  return null;
}

/** Published date: JSON-LD, then meta tags, then microdata, then a <time> element. */
export function findPublished(page: RawPage, data: StructuredData): DateFinding | null {
  return (
    finding(data.datePublished, 'json-ld datePublished') ??
    fromMeta(page, PUBLISHED_META) ??
    finding(page.itemDates.published, 'microdata datePublished') ??
    finding(page.times.find((t) => t.pubdate || t.itemprop === 'datepublished')?.datetime, 'time[pubdate]') ??
    finding(page.times.find((t) => t.inMain)?.datetime, 'time in main content')
  );
}

export function findModified(
  page: RawPage,
  data: StructuredData,
  headers: Record<string, string>,
): DateFinding | null {
  return (
    finding(data.dateModified, 'json-ld dateModified') ??
    fromMeta(page, MODIFIED_META) ??
    finding(page.itemDates.modified, 'microdata dateModified') ??
    finding(page.times.find((t) => t.itemprop === 'datemodified')?.datetime, 'time[itemprop=dateModified]') ??
    finding(headers['last-modified'], 'Last-Modified header')
  );
}
