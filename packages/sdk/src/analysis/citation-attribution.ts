import type { Citation } from '../contract/platform-result.js';
import type { Sentence } from './sentences.js';
import {
  canonicalUrl,
  findCitationMarkers,
  findMarkdownLinks,
  type MarkdownLink,
  overlaps,
} from './text-spans.js';

/** A source the answer cites: a returned citation, or an inline link the citations list lacks. */
export interface CitedSource {
  url: string;
  /** 1-based position among the answer's citations; null for inline links missing from the list. */
  position: number | null;
}

/**
 * Which sources each sentence cites, from three signals: numeric markers `[n]` (citation at
 * position n), inline markdown links (by URL, ignoring `utm_*` parameters) and the citation's own
 * start/end offsets when the engine reports them (the span overlaps the sentence).
 * Returns, per sentence, indexes into the returned `sources`. `links`: `findMarkdownLinks(text)`,
 * when the caller has it already.
 */
export function attributeCitations(
  text: string,
  sentences: readonly Sentence[],
  citations: readonly Citation[],
  links: readonly MarkdownLink[] = findMarkdownLinks(text),
): { sources: CitedSource[]; bySentence: number[][] } {
  const sources: CitedSource[] = citations.map((c) => ({ url: c.url, position: c.position }));
  // Each URL parsed once: the answer's links usually repeat its citations' URLs.
  const keys = new Map<string, string>();
  const keyOf = (url: string): string => {
    let key = keys.get(url);
    if (key === undefined) {
      key = canonicalUrl(url);
      keys.set(url, key);
    }
    return key;
  };
  const byPosition = new Map<number, number>();
  citations.forEach((c, i) => {
    if (!byPosition.has(c.position)) byPosition.set(c.position, i);
  });
  const markers = findCitationMarkers(text);
  // The citations by URL serve only to match inline links: without links, no URL is parsed
  // (unless a URL is not text, which fails here as it always did).
  const byUrl = new Map<string, number>();
  if (links.length > 0 || citations.some((c) => typeof c.url !== 'string')) {
    sources.forEach((s, i) => {
      const key = keyOf(s.url);
      if (!byUrl.has(key)) byUrl.set(key, i);
    });
  }
  // The spans of the citations that report their offsets, by index.
  const spans: { i: number; start: number; end: number }[] = [];
  citations.forEach((c, i) => {
    if (c.startIndex == null || c.endIndex == null) return;
    spans.push({ i, start: c.startIndex, end: Math.max(c.endIndex, c.startIndex + 1) });
  });
  const bySentence = sentences.map((s) => {
    const cited = new Set<number>();
    for (const m of markers) {
      if (!overlaps(m, s)) continue;
      const idx = byPosition.get(m.number);
      if (idx !== undefined) cited.add(idx);
    }
    for (const l of links) {
      if (!overlaps(l, s)) continue;
      const key = keyOf(l.url);
      let idx = byUrl.get(key);
      if (idx === undefined) {
        idx = sources.length;
        sources.push({ url: l.url, position: null });
        byUrl.set(key, idx);
      }
      cited.add(idx);
    }
    for (const span of spans) if (overlaps(span, s)) cited.add(span.i);
    return [...cited].sort((a, b) => a - b);
  });
  return { sources, bySentence };
}
