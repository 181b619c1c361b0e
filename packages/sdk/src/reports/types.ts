import type { CitedDomain, RunMetrics } from '../metrics/types.js';
import type { MeanStat, Rate } from '../metrics/wilson.js';
import type { ItemCounts, RunStatus } from '../runner/types.js';

/** One stored answer (a query asked on one platform), as a report shows it. */
export interface ReportAnswer {
  /** `analysis_queries.id`. */
  resultId: string;
  queryId: string;
  query: string;
  category: string | null;
  platform: string;
  model: string | null;
  /** The query names the client: a mention there is trivial. */
  branded: boolean;
  mentioned: boolean;
  mentionType: 'text' | 'citation' | 'both' | null;
  /** Rank among the tracked brands by first mention (1 = named first). */
  rank: number | null;
  listRank: number | null;
  sentiment: 'positive' | 'neutral' | 'negative' | null;
  competitorsMentioned: string[];
  citations: Array<{ url: string; domain: string | null; isClient: boolean; competitor: string | null }>;
  /** The answer text around each mention of the client (at most three, about 240 characters each). */
  excerpts: string[];
  /** The start of the answer, when the client is not named in it. */
  opening: string;
  costUsd: number | null;
  createdAt: string;
}

/** A queue item that ended `failed`: no answer was stored. */
export interface ReportFailure {
  queryId: string | null;
  query: string | null;
  platform: string | null;
  error: string | null;
}

export interface ReportPage {
  url: string;
  domain: string | null;
  title: string | null;
  /** Citations of this URL across the run's answers. */
  citations: number;
  platforms: string[];
  isClient: boolean;
  competitor: string | null;
}

/** A cited page's SEO facts from `page_analyses` (the citation analyzer), with the findings worth acting on. */
export interface ReportPageAnalysis {
  url: string;
  domain: string | null;
  title: string | null;
  isClient: boolean;
  isCompetitor: boolean;
  httpStatus: number | null;
  wordCount: number | null;
  qualityScore: number | null;
  relevanceScore: number | null;
  publishedAt: string | null;
  modifiedAt: string | null;
  crawlError: string | null;
  /** Short, plain-language findings ("No meta description", "Not indexable (noindex)"). */
  findings: string[];
}

/** One run of the same client, for the trend over time (figures on non-branded queries). */
export interface ReportTrendPoint {
  runId: string;
  createdAt: string;
  status: RunStatus;
  answers: number;
  visibility: Rate;
  shareOfVoice: Rate;
  citationShare: Rate;
}

export interface ReportPlatformRow {
  platform: string;
  answers: number;
  visibility: Rate;
  shareOfVoice: Rate;
  citationShare: Rate;
  averagePosition: MeanStat;
}

export interface ReportBrandRow {
  name: string;
  isClient: boolean;
  visibility: Rate;
  shareOfVoice: Rate;
  citationShare: Rate;
  averagePosition: MeanStat;
}

/** Everything a report shows, as plain JSON (`citebots report --format json`). */
export interface RunReport {
  schemaVersion: 1;
  generatedAt: string;
  /** True when the answers came from the Citebots fake provider (the demo), not real engines. */
  simulated: boolean;
  run: {
    id: string;
    status: RunStatus;
    batchId: string | null;
    platforms: string[];
    createdAt: string;
    completedAt: string | null;
    costUsd: number;
    counts: ItemCounts;
  };
  client: {
    name: string;
    domain: string | null;
    competitors: Array<{ name: string; domain: string | null }>;
  };
  /** The segment the headline figures are computed on. */
  headlineSegment: 'nonBranded' | 'branded';
  headline: {
    answers: number;
    visibility: Rate;
    shareOfVoice: Rate;
    citationShare: Rate;
    averagePosition: MeanStat;
    favourable: Rate;
  };
  byPlatform: ReportPlatformRow[];
  brands: ReportBrandRow[];
  topDomains: CitedDomain[];
  topPages: ReportPage[];
  answers: ReportAnswer[];
  failures: ReportFailure[];
  pages: ReportPageAnalysis[];
  trend: ReportTrendPoint[];
  metrics: RunMetrics;
}

/** A difference between two runs' rates (B − A) with a 95% Newcombe interval. */
export interface RateDelta {
  a: Rate;
  b: Rate;
  /** b − a; null when either side has no data. */
  delta: number | null;
  ci: { lower: number; upper: number } | null;
  /** The interval excludes 0. */
  significant: boolean;
}

export interface MetricDeltas {
  answersA: number;
  answersB: number;
  visibility: RateDelta;
  shareOfVoice: RateDelta;
  citationShare: RateDelta;
}

export interface CitationChange {
  key: string;
  isClient: boolean;
  competitor: string | null;
  citationsA: number;
  citationsB: number;
}

export interface FlippedQuery {
  queryId: string;
  query: string;
  platform: string;
  /** `gained`: mentioned in B, not in A; `lost`: the reverse. */
  change: 'gained' | 'lost';
  excerpt: string;
}

/** `citebots compare A B --json`. */
export interface RunComparison {
  runA: { id: string; createdAt: string; status: RunStatus };
  runB: { id: string; createdAt: string; status: RunStatus };
  client: { name: string; domain: string | null };
  segment: 'nonBranded' | 'branded';
  overall: MetricDeltas;
  byPlatform: Array<{ platform: string } & MetricDeltas>;
  domains: { gained: CitationChange[]; lost: CitationChange[] };
  pages: { gained: CitationChange[]; lost: CitationChange[] };
  flipped: FlippedQuery[];
  /** Query × platform pairs answered in both runs. */
  comparedAnswers: number;
}
