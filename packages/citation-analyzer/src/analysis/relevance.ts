import { words } from './text-stats.js';
import { WordScanner } from './word-scanner.js';

const STOPWORDS = new Set(
  (
    'a an and are as at be best by can do does for from how i in is it its my of on or our should ' +
    'that the their this to vs was what when where which who why will with without you your top ' +
    'le la les de des du et un une el los las del y en der die das und ein eine mit für'
  ).split(' '),
);

/** Query terms: lower-cased words, stop words and one-letter words dropped, duplicates removed. */
export function queryTerms(query: string): string[] {
  return [...new Set(words(query.toLowerCase()).filter((w) => w.length > 1 && !STOPWORDS.has(w)))];
}

export interface RelevanceFields {
  title: string;
  headings: string;
  body: string;
}

export interface Relevance {
  score: number;
  terms: string[];
  matchedTerms: string[];
  /** Saturated term-frequency contribution of each field, 0–1. */
  fields: { title: number; headings: number; body: number };
}

const WEIGHTS = { title: 3, headings: 2, body: 1 } as const;
const K1 = 1.2;
const B = 0.75;
/** Typical length of each field in words (BM25's average document length, fixed). */
const AVG_LENGTH = { title: 10, headings: 60, body: 1200 } as const;

/**
 * Frequency of each query term in a field (a word counts for a term when it is the term, or the
 * term plus up to three letters: "tool" finds "tools"), and the field's length in words.
 * One scan over the lower-cased text; only words that can match a term are sliced.
 */
function termFrequencies(text: string, terms: string[]): { tf: number[]; length: number } {
  const lower = text.toLowerCase();
  const tf = terms.map(() => 0);
  const firstChars = new Set(terms.map((t) => t.charCodeAt(0)));
  let length = 0;
  const scanner = new WordScanner(lower);
  while (scanner.next()) {
    length++;
    const start = scanner.start;
    if (!firstChars.has(lower.charCodeAt(start))) continue;
    const size = scanner.end - start;
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i]!;
      if (size < term.length || size > term.length + (term.length >= 4 ? 3 : 0)) continue;
      if (lower.startsWith(term, start)) tf[i]!++;
    }
  }
  return { tf, length };
}

/**
 * How well a page answers a query, 0–1: BM25-style saturated term frequency of each query term
 * in the title, the headings and the body (weighted 3 : 2 : 1, length-normalised against fixed
 * typical lengths, no IDF since there is one page), averaged over the query's terms.
 */
export function relevance(query: string | null | undefined, fields: RelevanceFields): Relevance | null {
  if (!query) return null;
  const terms = queryTerms(query);
  if (terms.length === 0) return null;
  const parsed = {
    title: termFrequencies(fields.title, terms),
    headings: termFrequencies(fields.headings, terms),
    body: termFrequencies(fields.body, terms),
  };
  const totals = { title: 0, headings: 0, body: 0 };
  const matched: string[] = [];
  let sum = 0;
  const weightTotal = WEIGHTS.title + WEIGHTS.headings + WEIGHTS.body;
  for (let t = 0; t < terms.length; t++) {
    const term = terms[t]!;
    let termScore = 0;
    for (const field of ['title', 'headings', 'body'] as const) {
      const { length } = parsed[field];
      const tf = parsed[field].tf[t]!;
      const norm = K1 * (1 - B + (B * length) / AVG_LENGTH[field]);
      const saturated = tf === 0 ? 0 : (tf * (K1 + 1)) / (tf + norm) / (K1 + 1);
      totals[field] += saturated / terms.length;
      termScore += WEIGHTS[field] * saturated;
    }
    if (termScore > 0) matched.push(term);
    sum += termScore / weightTotal;
  }
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    score: round(Math.min(1, sum / terms.length)),
    terms,
    matchedTerms: matched,
    fields: { title: round(totals.title), headings: round(totals.headings), body: round(totals.body) },
  };
}
