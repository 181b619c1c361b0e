export interface MentionResult {
  /** The name as configured. */
  name: string;
  count: number;
  inTitle: boolean;
  /** Up to three snippets of text around the mentions. */
  contexts: string[];
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A case-insensitive, Unicode-aware whole-word matcher for a name and its aliases: "Knak" matches
 * "knak's" and "(Knak)" but not "Knakworst". Spaces in a name match any run of whitespace.
 */
const MAX_CACHED_PATTERNS = 256;
const patterns = new Map<string, RegExp | null>();

/** `mentionPattern`, compiled once per list of names (the same brands are looked for on every page). */
function cachedPattern(names: readonly string[]): RegExp | null {
  const key = names.join('\u0000');
  let pattern = patterns.get(key);
  if (pattern === undefined) {
    pattern = mentionPattern(names);
    if (patterns.size >= MAX_CACHED_PATTERNS) patterns.clear();
    patterns.set(key, pattern);
  }
  if (pattern) pattern.lastIndex = 0;
  return pattern;
}

export function mentionPattern(names: readonly string[]): RegExp | null {
  const parts = [...new Set(names.map((n) => n.trim()).filter((n) => n.length > 0))]
    .sort((a, b) => b.length - a.length)
    .map((n) => escapeRegex(n).replace(/\s+/g, '\\s+'));
  if (parts.length === 0) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${parts.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
}

const CONTEXT_CHARS = 90;

function snippet(text: string, start: number, end: number): string {
  const from = Math.max(0, start - CONTEXT_CHARS);
  const to = Math.min(text.length, end + CONTEXT_CHARS);
  const body = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}

export function findMentions(
  name: string,
  aliases: readonly string[],
  text: string,
  title: string | null,
): MentionResult {
  const pattern = cachedPattern([name, ...aliases]);
  if (!pattern) return { name, count: 0, inTitle: false, contexts: [] };
  let count = 0;
  const contexts: string[] = [];
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    count++;
    if (contexts.length < 3) contexts.push(snippet(text, match.index, match.index + match[0].length));
  }
  pattern.lastIndex = 0;
  const inTitle = title !== null && pattern.test(title);
  return { name, count, inTitle, contexts };
}
