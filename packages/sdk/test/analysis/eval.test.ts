import { describe, expect, it } from 'vitest';
import { analyzeAnswer, type BrandMentions } from '../../src/analysis/index.js';
import { clients, evalCases } from '../fixtures/eval/index.js';

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const precision = (t: Tally) => ratio(t.tp, t.tp + t.fp);
const recall = (t: Tally) => ratio(t.tp, t.tp + t.fn);

function run() {
  const pairs: Tally = { tp: 0, fp: 0, fn: 0 };
  const occurrences: Tally = { tp: 0, fp: 0, fn: 0 };
  const mismatches: string[] = [];
  const listChecks = { total: 0, exact: 0 };
  for (const c of evalCases) {
    const client = clients[c.client]!;
    const analysis = analyzeAnswer(
      { query: { id: c.id, text: c.query }, answer: c.answer, citations: c.citations },
      client,
    );
    const found: BrandMentions[] = [analysis.brand, ...analysis.competitors];
    for (const name of Object.keys(c.expected)) {
      if (!found.some((b) => b.name === name))
        mismatches.push(`${c.id}: expectation for untracked brand ${name}`);
    }
    for (const b of found) {
      const e = c.expected[b.name];
      const expectedMentioned = e !== undefined;
      if (b.mentioned && expectedMentioned) pairs.tp++;
      else if (b.mentioned) pairs.fp++;
      else if (expectedMentioned) pairs.fn++;
      const n = e?.n ?? 0;
      occurrences.tp += Math.min(n, b.mentionCount);
      occurrences.fp += Math.max(0, b.mentionCount - n);
      occurrences.fn += Math.max(0, n - b.mentionCount);
      const want = {
        mentionCount: n,
        rank: e?.rank ?? null,
        listRank: e?.list ?? null,
        mentionType: e ? (e.type ?? 'text') : null,
        citationPosition: e?.cite ?? null,
      };
      const got = {
        mentionCount: b.mentionCount,
        rank: b.rank,
        listRank: b.listRank,
        mentionType: b.mentionType,
        citationPosition: b.citationPosition,
      };
      listChecks.total++;
      if (want.listRank === got.listRank) listChecks.exact++;
      for (const key of Object.keys(want) as (keyof typeof want)[]) {
        if (want[key] !== got[key])
          mismatches.push(`${c.id} ${b.name} ${key}: expected ${want[key]}, got ${got[key]}`);
      }
    }
  }
  return { pairs, occurrences, mismatches, listChecks };
}

describe('labelled evaluation set', () => {
  const result = run();

  it('holds at least 40 answers in each platform style', () => {
    expect(evalCases.length).toBeGreaterThanOrEqual(40);
    for (const platform of ['perplexity', 'chatgpt', 'claude', 'gemini']) {
      expect(evalCases.filter((c) => c.platform === platform).length).toBeGreaterThanOrEqual(10);
    }
    expect(new Set(evalCases.map((c) => c.id)).size).toBe(evalCases.length);
  });

  it('detects mentions with precision and recall of at least 0.98', () => {
    const report = {
      answers: evalCases.length,
      brandAnswerPairs: { ...result.pairs, precision: precision(result.pairs), recall: recall(result.pairs) },
      mentionOccurrences: {
        ...result.occurrences,
        precision: precision(result.occurrences),
        recall: recall(result.occurrences),
      },
      listRanksExact: `${result.listChecks.exact}/${result.listChecks.total}`,
    };
    console.log(`mention detection on the evaluation set:\n${JSON.stringify(report, null, 2)}`);
    expect(precision(result.pairs)).toBeGreaterThanOrEqual(0.98);
    expect(recall(result.pairs)).toBeGreaterThanOrEqual(0.98);
    expect(precision(result.occurrences)).toBeGreaterThanOrEqual(0.98);
    expect(recall(result.occurrences)).toBeGreaterThanOrEqual(0.98);
  });

  it('gives exactly the labelled list ranks', () => {
    expect(result.mismatches.filter((m) => m.includes(' listRank:'))).toEqual([]);
  });

  it('gives exactly the labelled counts, ranks, mention types and citation positions', () => {
    expect(result.mismatches).toEqual([]);
  });

  it('gives the same results when apostrophes turn curly and hyphens turn into dashes', () => {
    const summary = (answer: string, c: (typeof evalCases)[number]) => {
      const a = analyzeAnswer(
        { query: { id: c.id, text: c.query }, answer, citations: c.citations },
        clients[c.client]!,
      );
      return [a.brand, ...a.competitors].map((b) => [
        b.name,
        b.mentionCount,
        b.firstMentionOffset,
        b.rank,
        b.listRank,
      ]);
    };
    for (const c of evalCases) {
      // Only prose apostrophes and word-joining hyphens: URLs keep theirs.
      const curly = c.answer
        .replace(/(?<=\p{L})'(?=\p{L})/gu, '\u2019')
        .replace(/(?<=\p{L})-(?=\p{L})(?![^\s(]*\))/gu, '\u2011');
      expect(summary(curly, c), c.id).toEqual(summary(c.answer, c));
    }
  });
});
