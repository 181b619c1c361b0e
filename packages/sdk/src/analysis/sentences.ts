import type { Span } from './text-spans.js';

export interface Sentence extends Span {
  text: string;
}

/** Citation groups that trail a sentence: `[1][2]`, ` ([brevo.com](https://...))`, closing quotes. */
const TRAILER =
  /^(?:["'\u201D\u2019)\]*_]|\s*\[\d{1,3}\]|\s*\(\[[^\]\n]*\]\([^)\s]*\)\)|\s*\[[^\]\n]*\]\([^)\s]*\))/;
const ABBREVIATION = /(?:\b(?:e\.g|i\.e|etc|vs|Mr|Mrs|Ms|Dr|Inc|Ltd|Co|St|approx|no)|\b[A-Z])\.$/;
/**
 * How far back from a dot ABBREVIATION can read: its longest word (`approx.`, 7 characters) and the
 * character before it (for `\b`), with room to spare. Testing only that tail of the sentence gives
 * the same answer without copying the whole sentence at every dot.
 */
const ABBREVIATION_REACH = 16;
const DOT = 0x2e;
const BANG = 0x21;
const QUESTION = 0x3f;

/**
 * Splits an answer into sentences with offsets. Lines are separate units (list items, headings);
 * inside a line a sentence ends at `.`, `!` or `?` followed by white space, after any citation
 * markers that trail it, so `... fast.[1][2] Next` gives `... fast.[1][2]` and `Next`.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const push = (start: number, end: number) => {
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    const body = text.slice(start, end);
    if (/[\p{L}\p{N}]/u.test(body)) out.push({ start, end, text: body });
  };
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let sStart = lineStart;
    let i = lineStart;
    while (i < lineEnd) {
      const code = text.charCodeAt(i);
      if (
        (code === DOT || code === BANG || code === QUESTION) &&
        !(code === DOT && ABBREVIATION.test(text.slice(Math.max(sStart, i - ABBREVIATION_REACH), i + 1)))
      ) {
        let j = i + 1;
        for (;;) {
          const m = TRAILER.exec(text.slice(j, lineEnd));
          if (!m || m[0].length === 0) break;
          j += m[0].length;
        }
        if (j >= lineEnd || /\s/.test(text[j]!)) {
          // `3.5` or `brevo.com`: no white space after the dot, not a boundary (handled above).
          push(sStart, j);
          sStart = j;
          i = j;
          continue;
        }
      }
      i++;
    }
    push(sStart, lineEnd);
    lineStart = lineEnd + 1;
  }
  return out;
}

/** Words of a sentence for word counts: letter/digit tokens, leaving out URLs, citation markers and `([domain](url))` citations. */
export function sentenceWords(text: string): string[] {
  // Each step runs only when the text holds the characters its pattern needs (else it is a no-op).
  let stripped = text;
  if (stripped.includes('([')) stripped = stripped.replace(/\(\[[^\]\n]*\]\([^)\s]*\)\)/g, ' ');
  if (stripped.includes('](')) {
    stripped = stripped.replace(/\[\d{1,3}\]\([^)\s]*\)/g, ' ').replace(/\]\([^)\s]*\)/g, ']');
  }
  if (stripped.includes('://')) stripped = stripped.replace(/https?:\/\/\S+/g, ' ');
  if (stripped.includes('[')) stripped = stripped.replace(/\[\d{1,3}\]/g, ' ');
  // Every word starts with a letter or a digit.
  return stripped.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? [];
}
