import type { QualityScoreParts } from './types.js';

export interface QualityInputs {
  wordCount: number;
  subHeadings: number;
  lists: number;
  tables: number;
  faq: boolean;
  flesch: number | null;
  statistics: number;
  quotations: number;
  citedSources: number;
  ageDays: number | null;
  hasTitle: boolean;
  hasDescription: boolean;
  hasStructuredData: boolean;
  hasCanonical: boolean;
  hasLanguage: boolean;
}

const clamp = (n: number, max: number) => Math.round(Math.max(0, Math.min(max, n)) * 10) / 10;

/**
 * A 0–100 content quality score made of parts that are stored with it. The weights follow the
 * levers the GEO study measured (statistics, quotations and cited sources raise a page's
 * visibility in generated answers) plus depth, structure, readability, freshness and metadata.
 *
 * depth 20 · structure 15 · readability 10 · statistics 15 · quotations 10 · citations 10 ·
 * freshness 10 · metadata 10
 */
export function qualityScore(input: QualityInputs): { score: number; parts: QualityScoreParts } {
  const depth =
    input.wordCount < 150 ? (input.wordCount / 150) * 5 : 5 + (15 * (input.wordCount - 150)) / (1200 - 150);
  const structure =
    (input.subHeadings >= 2 ? 6 : input.subHeadings * 3) +
    (input.lists > 0 ? 4 : 0) +
    (input.tables > 0 ? 3 : 0) +
    (input.faq ? 2 : 0);
  let readability = 5; // the formula does not apply (not English, too short): neutral
  if (input.flesch !== null) {
    if (input.flesch >= 50 && input.flesch <= 80) readability = 10;
    else if (input.flesch >= 30 && input.flesch <= 90) readability = 7;
    else readability = 3;
  }
  const statistics = input.statistics * 3;
  const quotations = input.quotations * (10 / 3);
  const citations = input.citedSources * 2;
  let freshness = 0;
  if (input.ageDays !== null) {
    if (input.ageDays <= 365) freshness = 10;
    else if (input.ageDays <= 730) freshness = 6;
    else if (input.ageDays <= 1825) freshness = 3;
    else freshness = 1;
  }
  const metadata =
    (input.hasTitle ? 3 : 0) +
    (input.hasDescription ? 3 : 0) +
    (input.hasStructuredData ? 2 : 0) +
    (input.hasCanonical ? 1 : 0) +
    (input.hasLanguage ? 1 : 0);
  const parts: QualityScoreParts = {
    depth: clamp(depth, 20),
    structure: clamp(structure, 15),
    readability: clamp(readability, 10),
    statistics: clamp(statistics, 15),
    quotations: clamp(quotations, 10),
    citations: clamp(citations, 10),
    freshness: clamp(freshness, 10),
    metadata: clamp(metadata, 10),
  };
  const score = Math.round(Object.values(parts).reduce((a, b) => a + b, 0));
  return { score, parts };
}
