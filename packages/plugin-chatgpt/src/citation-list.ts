import { type Citation, type SourcePage, urlCompareKey } from '@citebots/sdk';

export interface RawUrlCitation {
  url: string;
  title?: string | null;
  start: number | null;
  end: number | null;
}

/** Citations deduplicated by normalised URL, in order of first appearance, keeping the first span. */
export function dedupeCitations(raw: RawUrlCitation[]): Citation[] {
  const seen = new Map<string, Citation>();
  for (const item of raw) {
    const key = urlCompareKey(item.url);
    const existing = seen.get(key);
    if (existing) {
      if (!existing.title && item.title) existing.title = item.title;
      continue;
    }
    seen.set(key, {
      url: item.url,
      title: item.title || null,
      snippet: null,
      position: seen.size + 1,
      startIndex: item.start,
      endIndex: item.end,
    });
  }
  return [...seen.values()];
}

/** Consulted pages (deduplicated), titled from the citations where they match; the citations when none. */
export function buildSources(urls: string[], citations: Citation[]): SourcePage[] {
  const titles = new Map(citations.map((c) => [urlCompareKey(c.url), c.title] as const));
  const seen = new Set<string>();
  const sources: SourcePage[] = [];
  for (const url of urls.length ? urls : citations.map((c) => c.url)) {
    const key = urlCompareKey(url);
    if (seen.has(key)) continue;
    seen.add(key);
    sources.push({ url, title: titles.get(key) ?? null });
  }
  return sources;
}
