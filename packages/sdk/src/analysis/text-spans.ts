import { hostOfDomainLike, isDomainLike } from './domain-match.js';

export interface Span {
  start: number;
  end: number;
}

/** An inline markdown link `[label](url)`. */
export interface MarkdownLink extends Span {
  label: string;
  labelStart: number;
  url: string;
  /**
   * A citation, not prose: a numeric label (`[1](https://...)`), or a domain label wrapped in
   * parentheses (ChatGPT's `([brevo.com](https://...))`). `Visit [brevo.com](https://...)` is prose.
   */
  citationOnly: boolean;
}

/** A host written in the text, bare (`brevo.com`) or inside a URL (`https://blog.brevo.com/x`). */
export interface DomainToken extends Span {
  host: string;
  hasScheme: boolean;
}

/** A numeric citation marker such as `[3]` (Perplexity). */
export interface CitationMarker extends Span {
  number: number;
}

const LINK = /\[([^\]\n]{1,300})\]\((https?:\/\/[^\s)]+(?:\([^\s)]*\)[^\s)]*)*)\)/g;
const DOMAIN_TOKEN =
  /(?<![\p{L}\p{N}_.\-/])(https?:\/\/)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62})(?![\p{L}\p{N}_-]|\.[\p{L}\p{N}])(?::\d+)?(?:[/?#][^\s)\]"'<>]*)?/giu;
const MARKER = /\[(\d{1,3})\]/g;

export function findMarkdownLinks(text: string): MarkdownLink[] {
  const out: MarkdownLink[] = [];
  for (const m of text.matchAll(LINK)) {
    const label = m[1]!;
    const trimmed = label.trim();
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      label,
      labelStart: m.index + 1,
      url: m[2]!,
      citationOnly:
        /^\[?\d+\]?$/.test(trimmed) ||
        (!/\s/.test(trimmed) &&
          /\(\s*$/.test(text.slice(Math.max(0, m.index - 3), m.index)) &&
          isDomainLike(trimmed)),
    });
  }
  return out;
}

export function findDomainTokens(text: string): DomainToken[] {
  const out: DomainToken[] = [];
  for (const m of text.matchAll(DOMAIN_TOKEN)) {
    // isDomainLike and hostOf from one parse (the token has no scheme and no white space).
    const host = hostOfDomainLike(m[2]!);
    if (!host) continue;
    out.push({ start: m.index, end: m.index + m[0].length, host, hasScheme: Boolean(m[1]) });
  }
  return out;
}

export function findCitationMarkers(text: string): CitationMarker[] {
  const out: CitationMarker[] = [];
  for (const m of text.matchAll(MARKER)) {
    // `[1](https://...)` is a markdown link, handled by findMarkdownLinks.
    if (text[m.index + m[0].length] === '(') continue;
    out.push({ start: m.index, end: m.index + m[0].length, number: Number(m[1]) });
  }
  return out;
}

export function inSpan(pos: number, spans: readonly Span[]): boolean {
  return spans.some((s) => pos >= s.start && pos < s.end);
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Removes `utm_*` parameters, the fragment and a trailing slash, for comparing cited URLs. */
export function canonicalUrl(url: string): string {
  try {
    const u = new URL(url);
    // Only a `#` in the text gives the URL a fragment (possibly empty) to drop.
    if (url.includes('#')) u.hash = '';
    // A `utm_` key is written as such or percent-encoded; otherwise there is nothing to drop (and no
    // searchParams object to build).
    if (u.search && /utm_|%/i.test(u.search)) {
      for (const key of [...u.searchParams.keys()]) if (/^utm_/i.test(key)) u.searchParams.delete(key);
    }
    const host = u.hostname.toLowerCase().replace(/^www\./, '');
    // Setting an http(s) URL's host to the host it has changes nothing.
    if (host !== u.hostname || (u.protocol !== 'http:' && u.protocol !== 'https:')) u.hostname = host;
    return u.toString().replace(/\/(\?|$)/, '$1');
  } catch {
    return url.trim();
  }
}
