import { ANALYSIS_VERSION } from '../analysis/analysis-version.js';
import type { AnswerAnalysis } from '../analysis/answer-analysis.js';
import type { BrandMetrics, CitedDomain, RunMetrics, SegmentMetrics, VisibilityMetrics } from './types.js';
import { meanStat, wilsonRate } from './wilson.js';

/** One analysed answer, as the metrics read it. */
export interface MetricsRow {
  platform: string;
  /** The query's category (`query_category`); null groups under `uncategorized`. */
  category: string | null;
  analysis: AnswerAnalysis;
}

export const METRIC_DEFINITIONS: Record<string, string> = {
  visibility:
    'Answers mentioning the client (name, alias or domain in the text, or a citation of its domain) over answers (Profound, Peec).',
  shareOfVoice:
    "Client's credits over all tracked brands' credits, one credit per brand per answer that mentions it (Canonry, Ahrefs AI SoV).",
  citationShare: "Citations of the client's domain over all citations, inline links included (Profound).",
  averagePosition:
    'Mean rank of first mention among tracked brands, over answers naming the client in the text (Peec).',
  averageListRank:
    'Mean rank of the list item first naming the client, over answers where it sits in a list; brands in one item share a rank.',
  sentiment:
    "Lexicon score in [-1, 1] of the clauses naming the client (or the LLM judge's score); favourable = positive over labelled answers (Canonry).",
  pawc: "Position-adjusted word count of the client's cited sources (GEO, Aggarwal et al. 2024): Σ|s|·exp(−pos/|S|) over citing sentences, over all words.",
  intervals:
    '95% Wilson score intervals for rates; mean ± 1.96·s/√n for means; n is the sample size of each figure.',
  branded: 'Queries naming the client are reported apart (branded) from the others (nonBranded).',
};

function visibilityMetrics(analyses: readonly AnswerAnalysis[], topDomains = 10): VisibilityMetrics {
  const n = analyses.length;
  const client = analyses.map((a) => a.brand);
  const names = new Map<
    string,
    { isClient: boolean; credits: number; cited: number; ranks: number[]; mentioned: number }
  >();
  const slot = (name: string, isClient: boolean) => {
    let s = names.get(name);
    if (!s) {
      s = { isClient, credits: 0, cited: 0, ranks: [], mentioned: 0 };
      names.set(name, s);
    }
    return s;
  };
  let totalCitations = 0;
  const domains = new Map<string, { citations: number; isClient: boolean; competitor: string | null }>();
  for (const a of analyses) {
    for (const [b, isClient] of [
      [a.brand, true] as const,
      ...a.competitors.map((c) => [c, false] as const),
    ]) {
      const s = slot(b.name, isClient);
      if (b.mentioned) {
        s.credits += 1;
        s.mentioned += 1;
      }
      s.cited += b.citationCount;
      if (b.rank !== null) s.ranks.push(b.rank);
    }
    for (const c of a.citations) {
      totalCitations += 1;
      const key = c.domain ?? '(unknown)';
      const d = domains.get(key) ?? { citations: 0, isClient: c.isClient, competitor: c.competitor };
      d.citations += 1;
      d.isClient ||= c.isClient;
      d.competitor ??= c.competitor;
      domains.set(key, d);
    }
  }
  const totalCredits = [...names.values()].reduce((t, s) => t + s.credits, 0);
  const brands: BrandMetrics[] = [...names.entries()].map(([name, s]) => ({
    name,
    isClient: s.isClient,
    visibility: wilsonRate(s.mentioned, n),
    shareOfVoice: wilsonRate(s.credits, totalCredits),
    citationShare: wilsonRate(s.cited, totalCitations),
    averagePosition: meanStat(s.ranks),
  }));
  brands.sort((x, y) => Number(y.isClient) - Number(x.isClient));
  const clientBrand = brands.find((b) => b.isClient);
  const topCitedDomains: CitedDomain[] = [...domains.entries()]
    .map(([domain, d]) => ({
      domain,
      citations: d.citations,
      share: wilsonRate(d.citations, totalCitations),
      isClient: d.isClient,
      competitor: d.competitor,
    }))
    .sort((x, y) => y.citations - x.citations || x.domain.localeCompare(y.domain))
    .slice(0, topDomains);
  const mentioned = analyses.filter((a) => a.brand.mentioned);
  const labelled = mentioned.filter((a) => a.sentiment.label !== null);
  const count = (label: string) => labelled.filter((a) => a.sentiment.label === label).length;
  return {
    answers: n,
    visibility: wilsonRate(mentioned.length, n),
    shareOfVoice: clientBrand?.shareOfVoice ?? wilsonRate(0, totalCredits),
    citationShare: wilsonRate(
      client.reduce((t, b) => t + b.citationCount, 0),
      totalCitations,
    ),
    averagePosition: meanStat(client.flatMap((b) => (b.rank !== null ? [b.rank] : []))),
    averageListRank: meanStat(client.flatMap((b) => (b.listRank !== null ? [b.listRank] : []))),
    sentiment: {
      score: meanStat(mentioned.flatMap((a) => (a.sentiment.score !== null ? [a.sentiment.score] : []))),
      favourable: wilsonRate(count('positive'), labelled.length),
      positive: count('positive'),
      neutral: count('neutral'),
      negative: count('negative'),
    },
    pawc: {
      mean: meanStat(client.map((b) => b.pawc)),
      whenCited: meanStat(client.filter((b) => b.citationCount > 0).map((b) => b.pawc)),
    },
    topCitedDomains,
    brands,
  };
}

function segment(rows: readonly MetricsRow[]): SegmentMetrics {
  return {
    nonBranded: visibilityMetrics(rows.filter((r) => !r.analysis.branded).map((r) => r.analysis)),
    branded: visibilityMetrics(rows.filter((r) => r.analysis.branded).map((r) => r.analysis)),
  };
}

function groupBy(
  rows: readonly MetricsRow[],
  key: (r: MetricsRow) => string,
): Record<string, SegmentMetrics> {
  const groups = new Map<string, MetricsRow[]>();
  for (const r of rows) {
    const k = key(r);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return Object.fromEntries([...groups.keys()].sort().map((k) => [k, segment(groups.get(k)!)]));
}

/** Metrics over analysed answers in memory: overall, per platform and per query category. Pure. */
export function computeMetrics(
  rows: readonly MetricsRow[],
  meta: { runId?: string | null; client?: { name: string; domain: string | null } } = {},
): RunMetrics {
  const first = rows[0]?.analysis.brand;
  return {
    runId: meta.runId ?? null,
    client: meta.client ?? { name: first?.name ?? '', domain: first?.domain ?? null },
    analysisVersion: ANALYSIS_VERSION,
    answers: rows.length,
    overall: segment(rows),
    byPlatform: groupBy(rows, (r) => r.platform),
    byCategory: groupBy(rows, (r) => r.category?.trim() || 'uncategorized'),
    definitions: METRIC_DEFINITIONS,
  };
}
