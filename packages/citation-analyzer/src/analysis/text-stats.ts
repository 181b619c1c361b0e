/** Words: runs of letters/digits (apostrophes and hyphens inside); each CJK character counts as one. */
const WORD =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’-][\p{L}\p{N}\p{M}]+)*/gu;

export function countWords(text: string): number {
  let count = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text) !== null) count++;
  return count;
}

export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

const VOWEL = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

/** English syllables: vowel groups, less a silent final "e" (but not "-le"); at least one. */
export function syllables(word: string): number {
  const w = word.toLowerCase();
  if (w.length <= 3) return 1;
  let count = 0;
  let previousVowel = false;
  for (let i = 0; i < w.length; i++) {
    const vowel = VOWEL.has(w[i]!);
    if (vowel && !previousVowel) count++;
    previousVowel = vowel;
  }
  if (w.endsWith('e') && !w.endsWith('le') && !VOWEL.has(w[w.length - 2]!)) count--;
  else if ((w.endsWith('es') || w.endsWith('ed')) && !VOWEL.has(w[w.length - 3]!) && !/[td]e[sd]$/.test(w)) {
    count--;
  }
  return Math.max(1, count);
}

export interface Readability {
  /** Flesch reading ease (0 hard – 100 easy); null when the text is too short or not English. */
  fleschReadingEase: number | null;
  /** The formula is calibrated for English only. */
  languageDependent: true;
  language: string | null;
  sentences: number;
  wordsPerSentence: number | null;
  syllablesPerWord: number | null;
}

const SAMPLE_WORDS = 3000;
const SENTENCE_END = /[.!?。！？]|\n/;

/**
 * Flesch reading ease over (up to) the first 3,000 words, in one pass over the words; computed
 * for English pages only (and pages of unknown language), null elsewhere.
 */
export function readability(text: string, language: string | null): Readability {
  const english = language === null || /^en\b/i.test(language);
  let wordCount = 0;
  let syllableCount = 0;
  let sentenceCount = 0;
  let inSentence = false;
  let last = 0;
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
    if (inSentence && SENTENCE_END.test(text.slice(last, match.index))) sentenceCount++;
    inSentence = true;
    last = match.index + match[0].length;
    wordCount++;
    if (english) syllableCount += syllables(match[0]);
    if (wordCount >= SAMPLE_WORDS) break;
  }
  if (inSentence) sentenceCount++;
  const wordsPerSentence = sentenceCount ? wordCount / sentenceCount : null;
  const syllablesPerWord = wordCount && english ? syllableCount / wordCount : null;
  let flesch: number | null = null;
  if (english && wordCount >= 30 && wordsPerSentence !== null && syllablesPerWord !== null) {
    flesch = 206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord;
    flesch = Math.round(Math.max(0, Math.min(100, flesch)) * 10) / 10;
  }
  return {
    fleschReadingEase: flesch,
    languageDependent: true,
    language,
    sentences: sentenceCount,
    wordsPerSentence: wordsPerSentence === null ? null : Math.round(wordsPerSentence * 10) / 10,
    syllablesPerWord: syllablesPerWord === null ? null : Math.round(syllablesPerWord * 100) / 100,
  };
}

/** Numbers that carry a statistic: percentages, money, multipliers, and numbers with units. */
const STATISTIC =
  /(?:[$€£¥]\s?\d[\d,.]*\s?(?:[kmb]n?|million|billion|thousand)?\b)|(?:\b\d[\d,.]*\s?(?:%|percent\b|per cent\b|percentage points?\b|pp\b|x\b|times\b|million\b|billion\b|thousand\b|trillion\b|users\b|customers\b|people\b|respondents\b|companies\b|hours?\b|minutes?\b|seconds?\b|days?\b|weeks?\b|months?\b|years?\b|ms\b|kg\b|km\b|mb\b|gb\b|tb\b|usd\b|eur\b))|(?:\b\d+\s?(?:out of|in|of every)\s?\d+\b)/giu;

export function findStatistics(text: string, limit = 5): { count: number; examples: string[] } {
  let count = 0;
  const examples: string[] = [];
  STATISTIC.lastIndex = 0;
  for (let match = STATISTIC.exec(text); match !== null; match = STATISTIC.exec(text)) {
    count++;
    if (examples.length < limit) examples.push(match[0].trim());
  }
  return { count, examples };
}

/** Quoted sentences: text of 20–400 characters between typographic or straight double quotes. */
const QUOTED = /[“„«"]([^“”„«»"\n]{20,400})[”»"]/gu;

export function findQuotedSentences(text: string, limit = 3): { count: number; examples: string[] } {
  let count = 0;
  const examples: string[] = [];
  QUOTED.lastIndex = 0;
  for (let match = QUOTED.exec(text); match !== null; match = QUOTED.exec(text)) {
    if (!/\s/.test(match[1]!.trim())) continue;
    count++;
    if (examples.length < limit) examples.push(match[1]!.trim().slice(0, 160));
  }
  return { count, examples };
}
