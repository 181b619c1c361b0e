import { words } from './text-stats.js';

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

function termCounts(text: string): { counts: Map<string, number>; length: number } {
  const counts = new Map<string, number>();
  const list = words(text.toLowerCase());
  for (const w of list) counts.set(w, (counts.get(w) ?? 0) + 1);
  return { counts, length: list.length };
}

/** Prefix match so that "tool" finds "tools" and "automation" finds "automations". */
function frequency(counts: Map<string, number>, term: string): number {
  let tf = counts.get(term) ?? 0;
  if (term.length >= 4) {
    for (const [word, n] of counts)
      if (word !== term && word.startsWith(term) && word.length - term.length <= 3) tf += n;
  }
  return tf;
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
    title: termCounts(fields.title),
    headings: termCounts(fields.headings),
    body: termCounts(fields.body),
  };
  const totals = { title: 0, headings: 0, body: 0 };
  const matched: string[] = [];
  let sum = 0;
  const weightTotal = WEIGHTS.title + WEIGHTS.headings + WEIGHTS.body;
  for (const term of terms) {
    let termScore = 0;
    for (const field of ['title', 'headings', 'body'] as const) {
      const { counts, length } = parsed[field];
      const tf = frequency(counts, term);
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
