import { boundedMemo } from '../common/bounded-memo.js';
import { isCommonWord } from './common-words.js';
import { hostMatchesDomain } from './domain-match.js';
import { matchingText } from './normalize-text.js';
import type { DomainToken, MarkdownLink, Span } from './text-spans.js';
import { inSpan } from './text-spans.js';

/** A tracked brand: the client or one competitor. */
export interface TrackedBrand {
  name: string;
  domain?: string | null;
  aliases?: readonly string[];
}

export interface MentionSpan extends Span {
  /** `name`: the name or an alias; `domain`: the brand's domain written in the text. */
  kind: 'name' | 'domain';
}

/** What every matcher needs to know about one answer, computed once. */
export interface TextContext {
  /** The NFC answer. */
  text: string;
  /** The same text with apostrophes, dashes and accents normalised (same length). */
  mtext: string;
  links: MarkdownLink[];
  domains: DomainToken[];
  /** Spans never read as prose: link targets, and whole links whose label is a domain. */
  excluded: Span[];
}

/**
 * An everyday-word name followed by a determiner or particle is the word used as a verb
 * ("Close the call", "Shine a light"), not the brand.
 */
const VERB_OBJECT =
  /^\s+(?:the|a|an|your|my|our|their|his|her|its|this|that|these|those|more|out|up|down|off|any|every|all|it|them|you)\b/i;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiled patterns by term: the same client's names are matched in every answer of a run. */

/**
 * A regex for one name: whole words, flexible whitespace, an optional hyphen/space between parts.
 * The regex is global: use it with `matchAll`/`replace` (they never leave state on it), not `exec`.
 */
export const termPattern: (term: string) => RegExp | null = boundedMemo(2_000, (term) =>
  compileTermPattern(term),
);

function compileTermPattern(term: string): RegExp | null {
  const norm = matchingText(term.normalize('NFC')).trim();
  if (!norm) return null;
  const body = norm
    .split(/\s+/)
    .map((part) => escapeRegExp(part).replace(/\\?-/g, '[- ]?'))
    .join('[\\s-]+');
  // Case-insensitive, except for everyday words (see common-words.ts).
  const flags = isCommonWord(norm) ? 'gu' : 'giu';
  return new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, flags);
}

function mergeSpans(spans: MentionSpan[]): MentionSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: MentionSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      continue;
    }
    out.push({ ...s });
  }
  return out;
}

/**
 * Every place the text names the brand: its name or aliases as whole words (through possessives
 * and punctuation, never inside a longer word), and its domain written as a host. A name inside a
 * host that is not the brand's (`knak.com.evil.net`) or inside a link target is not a mention.
 */
export function findMentions(ctx: TextContext, brand: TrackedBrand): MentionSpan[] {
  const found: MentionSpan[] = [];
  const terms = [brand.name, ...(brand.aliases ?? [])];
  for (const token of ctx.domains) {
    if (inSpan(token.start, ctx.excluded)) continue;
    if (hostMatchesDomain(token.host, brand.domain)) {
      found.push({ start: token.start, end: token.end, kind: 'domain' });
    }
  }
  for (const term of terms) {
    const re = termPattern(term);
    if (!re) continue;
    const commonWord = isCommonWord(term);
    for (const m of ctx.mtext.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (inSpan(start, ctx.excluded)) continue;
      if (commonWord && VERB_OBJECT.test(ctx.mtext.slice(end, end + 12))) continue;
      const host = ctx.domains.find((d) => start >= d.start && start < d.end);
      // Inside a written host: only the host itself counts (added above when it is the brand's).
      if (host && !(host.start === start && host.end === end)) continue;
      found.push({ start, end, kind: 'name' });
    }
  }
  return mergeSpans(found);
}
