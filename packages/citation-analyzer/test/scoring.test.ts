import { describe, expect, it } from 'vitest';
import { toIsoDate } from '../src/analysis/dates.js';
import { qualityScore } from '../src/analysis/quality-score.js';
import { queryTerms } from '../src/analysis/relevance.js';
import { readability, syllables } from '../src/analysis/text-stats.js';
import { relevance } from '../src/index.js';

describe('relevance', () => {
  const page = {
    title: 'Best CRM software for small business',
    headings: 'Pricing\nCRM features compared',
    body: 'Choosing CRM software is hard. This guide compares CRM tools for a small business, with pricing.',
  };

  it('drops stop words and ranks a matching page above a partial and an unrelated one', () => {
    expect(queryTerms('What is the best CRM for a small business?')).toEqual(['crm', 'small', 'business']);
    const full = relevance('best CRM for small business', page)!;
    const partial = relevance('CRM for dentists', page)!;
    const none = relevance('sourdough starter hydration', page)!;
    expect(full.score).toBeGreaterThan(partial.score);
    expect(partial.score).toBeGreaterThan(none.score);
    expect(none.score).toBe(0);
    expect(full.score).toBeLessThanOrEqual(1);
    expect(partial.matchedTerms).toEqual(['crm']);
  });

  it('is null without a query or without terms', () => {
    expect(relevance(null, page)).toBeNull();
    expect(relevance('the of and', page)).toBeNull();
  });
});

describe('readability', () => {
  it('counts English syllables', () => {
    expect(['cat', 'table', 'reading', 'beautiful', 'make', 'wanted'].map(syllables)).toEqual([
      1, 2, 2, 3, 1, 2,
    ]);
  });

  it('scores plain text as easier than dense text, and only for English', () => {
    const plain = 'The cat sat on the mat. It was a warm day. The dog ran to the park. We had fun. '.repeat(
      5,
    );
    const dense =
      'Institutional interoperability considerations necessitate comprehensive organizational standardization, notwithstanding heterogeneous implementation methodologies. '.repeat(
        5,
      );
    const easy = readability(plain, 'en')!.fleschReadingEase!;
    const hard = readability(dense, 'en-GB')!.fleschReadingEase!;
    expect(easy).toBeGreaterThan(80);
    expect(hard).toBeLessThan(20);
    expect(readability(plain, 'de').fleschReadingEase).toBeNull();
  });
});

describe('dates', () => {
  it('parses the date formats pages use, and refuses nonsense', () => {
    expect(toIsoDate('2021-11-01T10:52:50+0100')).toBe('2021-11-01T09:52:50.000Z');
    expect(toIsoDate('2015-07-10 09:53:00 -0400')).toBe('2015-07-10T13:53:00.000Z');
    expect(toIsoDate('Tue, 15 Nov 1994 08:12:31 GMT')).toBe('1994-11-15T08:12:31.000Z');
    expect(toIsoDate('2024-06-25')).toBe('2024-06-25T00:00:00.000Z');
    expect(toIsoDate('yesterday')).toBeNull();
    expect(toIsoDate('0001-01-01')).toBeNull();
  });
});

describe('qualityScore', () => {
  const base = {
    wordCount: 0,
    subHeadings: 0,
    lists: 0,
    tables: 0,
    faq: false,
    flesch: null,
    statistics: 0,
    quotations: 0,
    citedSources: 0,
    ageDays: null,
    hasTitle: false,
    hasDescription: false,
    hasStructuredData: false,
    hasCanonical: false,
    hasLanguage: false,
  };

  it('adds up its stored parts and stays within 0–100', () => {
    const empty = qualityScore(base);
    expect(empty.score).toBe(5); // the neutral readability part only
    const rich = qualityScore({
      ...base,
      wordCount: 5000,
      subHeadings: 8,
      lists: 3,
      tables: 2,
      faq: true,
      flesch: 60,
      statistics: 20,
      quotations: 9,
      citedSources: 12,
      ageDays: 10,
      hasTitle: true,
      hasDescription: true,
      hasStructuredData: true,
      hasCanonical: true,
      hasLanguage: true,
    });
    expect(rich.score).toBe(100);
    expect(rich.parts).toEqual({
      depth: 20,
      structure: 15,
      readability: 10,
      statistics: 15,
      quotations: 10,
      citations: 10,
      freshness: 10,
      metadata: 10,
    });
  });

  it('rewards the GEO levers: statistics, quotations and cited sources', () => {
    const plain = qualityScore({ ...base, wordCount: 800 }).score;
    const evidenced = qualityScore({
      ...base,
      wordCount: 800,
      statistics: 3,
      quotations: 2,
      citedSources: 3,
    }).score;
    expect(evidenced - plain).toBeGreaterThanOrEqual(20);
  });
});
