import { scanWords, WordScanner } from './word-scanner.js';

export function countWords(text: string): number {
  let count = 0;
  scanWords(text, () => {
    count++;
    return undefined;
  });
  return count;
}

export function words(text: string): string[] {
  const out: string[] = [];
  scanWords(text, (start, end) => {
    out.push(text.slice(start, end));
    return undefined;
  });
  return out;
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

/** Whether text[from, to) holds a sentence end: . ! ? 。 ！ ？ or a line break. */
function endsSentence(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 33 || c === 63 || c === 10 || c === 0x3002 || c === 0xff01 || c === 0xff1f)
      return true;
  }
  return false;
}

function isVowelCode(c: number): boolean {
  return c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121;
}

/** `syllables(text.slice(start, end))` without slicing or lower-casing for ASCII words. */
function syllablesAt(text: string, start: number, end: number): number {
  const length = end - start;
  if (length <= 3) {
    for (let i = start; i < end; i++) if (text.charCodeAt(i) >= 128) return syllables(text.slice(start, end));
    return 1;
  }
  let count = 0;
  let previousVowel = false;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 128) return syllables(text.slice(start, end));
    if (c >= 65 && c <= 90) c += 32;
    const vowel = isVowelCode(c);
    if (vowel && !previousVowel) count++;
    previousVowel = vowel;
  }
  const lower = (i: number): number => {
    const c = text.charCodeAt(i);
    return c >= 65 && c <= 90 ? c + 32 : c;
  };
  const last = lower(end - 1);
  const second = lower(end - 2);
  const third = lower(end - 3);
  if (last === 101 && second !== 108 && !isVowelCode(second)) count--;
  else if (
    ((last === 115 && second === 101) || (last === 100 && second === 101)) &&
    !isVowelCode(third) &&
    third !== 116 &&
    third !== 100
  ) {
    count--;
  }
  return Math.max(1, count);
}

/**
 * Word count of the whole text and Flesch reading ease over its first 3,000 words, in one scan.
 * Flesch is computed for English pages only (and pages of unknown language), null elsewhere.
 */
export function textStats(
  text: string,
  language: string | null,
): { wordCount: number; readability: Readability } {
  const english = language === null || /^en\b/i.test(language);
  let total = 0;
  let wordCount = 0;
  let syllableCount = 0;
  let sentenceCount = 0;
  let inSentence = false;
  let last = 0;
  const scanner = new WordScanner(text);
  while (scanner.next()) {
    total++;
    if (wordCount >= SAMPLE_WORDS) continue;
    const start = scanner.start;
    const end = scanner.end;
    if (inSentence && endsSentence(text, last, start)) sentenceCount++;
    inSentence = true;
    last = end;
    wordCount++;
    if (english) syllableCount += syllablesAt(text, start, end);
  }
  if (inSentence) sentenceCount++;
  return {
    wordCount: total,
    readability: fleschOf(language, english, wordCount, sentenceCount, syllableCount),
  };
}

export function readability(text: string, language: string | null): Readability {
  return textStats(text, language).readability;
}

function fleschOf(
  language: string | null,
  english: boolean,
  wordCount: number,
  sentenceCount: number,
  syllableCount: number,
): Readability {
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

const STATISTIC_CANDIDATE = /[$€£¥\d]/g;

export function findStatistics(text: string, limit = 5): { count: number; examples: string[] } {
  let count = 0;
  const examples: string[] = [];
  const sticky = new RegExp(STATISTIC.source, 'iuy');
  STATISTIC_CANDIDATE.lastIndex = 0;
  for (let c = STATISTIC_CANDIDATE.exec(text); c !== null; c = STATISTIC_CANDIDATE.exec(text)) {
    sticky.lastIndex = c.index;
    const match = sticky.exec(text);
    if (match) {
      count++;
      if (examples.length < limit) examples.push(match[0].trim());
      STATISTIC_CANDIDATE.lastIndex = Math.max(c.index + 1, sticky.lastIndex);
    } else {
      // skip the rest of this number
      let i = c.index + 1;
      while (i < text.length && /[\d,.]/.test(text[i]!)) i++;
      STATISTIC_CANDIDATE.lastIndex = i;
    }
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
