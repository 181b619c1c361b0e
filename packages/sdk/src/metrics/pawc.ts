import { sentenceWords } from '../analysis/sentences.js';

export interface PawcSentence {
  /** The sentence's text (words are counted from it). */
  text: string;
  /** Keys of the sources the sentence cites. */
  cites: readonly string[];
}

export interface PawcResult {
  /** Σ over sentences s citing the source of |s|·exp(−pos(s)/|S|) / Σ|s|, words split among co-cited sources. */
  pawc: Record<string, number>;
  /** Σ over sentences citing the source of |s| / Σ|s| (the GEO paper's plain word count). */
  wordCount: Record<string, number>;
  totalWords: number;
  sentences: number;
}

/**
 * Position-adjusted word count (GEO, Aggarwal et al., KDD 2024, arXiv 2311.09735), per source.
 * pos(s) is the 0-based index of the sentence and |S| the number of sentences (the paper's
 * formula; the authors' released code divides by |S|−1 instead). A sentence citing k sources
 * gives each |s|/k words. Results are fractions of all words in [0, 1] (the paper reports ×100).
 */
export function positionAdjustedWordCount(sentences: readonly PawcSentence[]): PawcResult {
  const n = sentences.length;
  const lengths = sentences.map((s) => sentenceWords(s.text).length);
  const totalWords = lengths.reduce((a, b) => a + b, 0);
  const pawc: Record<string, number> = {};
  const wordCount: Record<string, number> = {};
  sentences.forEach((s, i) => {
    const keys = [...new Set(s.cites)];
    if (keys.length === 0 || totalWords === 0) return;
    const words = lengths[i]! / keys.length;
    const weight = Math.exp(-i / n);
    for (const key of keys) {
      pawc[key] = (pawc[key] ?? 0) + (words * weight) / totalWords;
      wordCount[key] = (wordCount[key] ?? 0) + words / totalWords;
    }
  });
  return { pawc, wordCount, totalWords, sentences: n };
}
