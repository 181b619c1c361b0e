import type { Sentence } from './sentences.js';
import type { Span } from './text-spans.js';

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

export interface BrandSentiment {
  /** Mean clause score in [-1, 1] over the clauses that name the brand; null when it is not named. */
  score: number | null;
  label: SentimentLabel | null;
  /** Clauses with opinion words that were scored. */
  clauses: number;
  method: 'lexicon' | 'llm';
}

const POSITIVE = new Set(
  `best excellent great good leading popular powerful robust reliable intuitive easy easiest simple
  affordable strong standout top favorite favourite recommended recommend ideal perfect outstanding
  impressive flexible comprehensive seamless seamlessly loved praised trusted secure fast efficient
  generous innovative versatile solid superior effective user-friendly well-designed standout
  excels excel shines stands highly valuable cost-effective scalable polished helpful clean modern
  rich accurate smooth convenient capable competitive notable renowned preferred`
    .split(/\s+/)
    .filter(Boolean),
);

const NEGATIVE = new Set(
  `bad poor worst expensive pricey costly overpriced limited lacking lacks lack complex complicated
  confusing clunky slow buggy unreliable difficult hard outdated steep frustrating disappointing
  weak weaker inferior cumbersome restrictive restricted criticized criticised complaints complain
  issues problems problem drawback drawbacks downside downsides concern concerns risky insecure
  breach breaches lawsuit fails failed failure struggles struggle clumsy mediocre unintuitive
  awkward dated pricier costlier worse hidden fees outage outages unclear inconsistent avoid
  overwhelming cluttered rigid`
    .split(/\s+/)
    .filter(Boolean),
);

const NEGATORS = new Set([
  'not',
  'no',
  'never',
  "isn't",
  "doesn't",
  "don't",
  "aren't",
  "wasn't",
  'hardly',
  'without',
  'nor',
  "can't",
  'cannot',
  'lacks',
]);
const INTENSIFIERS = new Set([
  'very',
  'extremely',
  'highly',
  'really',
  'particularly',
  'especially',
  'most',
  'exceptionally',
]);

/** Scores one clause: (positive − negative) / (positive + negative), negation flipping the next 3 words. */
export function scoreClause(text: string): { score: number; hits: number } {
  const lower = text.toLowerCase();
  const words =
    (lower.includes('\u2019') ? lower.replace(/[\u2019]/g, "'") : lower).match(/[\p{L}'-]+/gu) ?? [];
  let pos = 0;
  let neg = 0;
  let negateFor = 0;
  let boost = 1;
  for (const raw of words) {
    const w = raw.includes("'") ? raw.replace(/^'+|'+$/g, '') : raw;
    if (NEGATORS.has(w)) {
      negateFor = 3;
      continue;
    }
    if (INTENSIFIERS.has(w)) {
      boost = 1.5;
      continue;
    }
    let polarity = POSITIVE.has(w) ? 1 : NEGATIVE.has(w) ? -1 : 0;
    if (polarity !== 0) {
      if (negateFor > 0) polarity = -polarity;
      if (polarity > 0) pos += boost;
      else neg += boost;
    }
    boost = 1;
    if (negateFor > 0) negateFor--;
  }
  const hits = pos + neg;
  return { score: hits === 0 ? 0 : (pos - neg) / hits, hits };
}

/** Clause boundaries inside a sentence: `;`, `, but`, `but`, `while`, `whereas`, `although`, `however`. */
const CLAUSE_BREAK = /;|,?\s+(?:but|while|whereas|although|though|however|yet)\s+|\s+[-\u2013\u2014]\s+/giu;

function clausesOf(sentence: Sentence): Span[] {
  const spans: Span[] = [];
  let start = sentence.start;
  for (const m of sentence.text.matchAll(CLAUSE_BREAK)) {
    spans.push({ start, end: sentence.start + m.index });
    start = sentence.start + m.index + m[0].length;
  }
  spans.push({ start, end: sentence.end });
  return spans;
}

export function labelFor(score: number): SentimentLabel {
  return score > 0.15 ? 'positive' : score < -0.15 ? 'negative' : 'neutral';
}

/**
 * Deterministic sentiment toward a brand: the clauses of the sentences that name it (a sentence
 * comparing two brands is split at "but", "while", ";", dashes, and clauses about another tracked
 * brand are left out) are scored with a small lexicon; the brand's score is the mean over those
 * clauses that hold opinion words (none: 0, neutral). Labels: > 0.15 positive, < −0.15 negative.
 */
export function brandSentiment(
  text: string,
  sentences: readonly Sentence[],
  mentions: readonly Span[],
  otherBrandMentions: readonly Span[] = [],
): BrandSentiment {
  if (mentions.length === 0) return { score: null, label: null, clauses: 0, method: 'lexicon' };
  const scores: number[] = [];
  for (const s of sentences) {
    if (!mentions.some((m) => m.start >= s.start && m.start < s.end)) continue;
    const clauses = clausesOf(s);
    const names = (c: Span, spans: readonly Span[]) =>
      spans.some((m) => m.start >= c.start && m.start < c.end);
    // The clauses naming the brand, and those naming no other tracked brand ("Brevo is cheap, but
    // limited" is about Brevo throughout; "Brevo is cheap, but Mailchimp is not" is not).
    const chosen = clauses.filter((c) => names(c, mentions) || !names(c, otherBrandMentions));
    for (const c of chosen) {
      const scored = scoreClause(text.slice(c.start, c.end));
      if (scored.hits > 0) scores.push(scored.score);
    }
  }
  if (scores.length === 0) return { score: 0, label: 'neutral', clauses: 0, method: 'lexicon' };
  const score = Math.max(-1, Math.min(1, scores.reduce((a, b) => a + b, 0) / scores.length));
  return {
    score: Math.round(score * 1000) / 1000,
    label: labelFor(score),
    clauses: scores.length,
    method: 'lexicon',
  };
}
