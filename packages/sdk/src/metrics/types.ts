import type { MeanStat, Rate } from './wilson.js';

/** One tracked brand's figures within a segment. */
export interface BrandMetrics {
  name: string;
  isClient: boolean;
  /** Answers mentioning the brand (text or citation) over answers. */
  visibility: Rate;
  /** Share of voice: this brand's credits (one per answer that mentions it) over all tracked brands' credits. */
  shareOfVoice: Rate;
  /** Citations of the brand's domain over all citations. */
  citationShare: Rate;
  /** Mean rank of first mention among tracked brands (1 = named first), over answers naming it. */
  averagePosition: MeanStat;
}

export interface CitedDomain {
  domain: string;
  citations: number;
  /** This domain's citations over all citations. */
  share: Rate;
  isClient: boolean;
  /** The tracked competitor owning the domain, if any. */
  competitor: string | null;
}

/** Figures over one set of answers (branded and non-branded queries are never mixed). */
export interface VisibilityMetrics {
  answers: number;
  /** Share of answers that mention the client (Profound, Peec). */
  visibility: Rate;
  /** Client's share of voice, one credit per brand per answer (Canonry, Ahrefs). */
  shareOfVoice: Rate;
  /** Client-domain citations over all citations (Profound). */
  citationShare: Rate;
  /** Mean first-mention rank among tracked brands (Peec), over answers that name the client. */
  averagePosition: MeanStat;
  /** Mean rank inside lists, over answers where the client sits in a list. */
  averageListRank: MeanStat;
  sentiment: {
    /** Mean score in [-1, 1] over answers mentioning the client. */
    score: MeanStat;
    /** Positive answers over answers with a label (Canonry's favourable rate; absent answers left out). */
    favourable: Rate;
    positive: number;
    neutral: number;
    negative: number;
  };
  /** Position-adjusted word count of the client's cited sources (GEO), as a fraction of words. */
  pawc: {
    /** Over all answers (0 where the client is not cited). */
    mean: MeanStat;
    /** Over answers citing the client. */
    whenCited: MeanStat;
  };
  topCitedDomains: CitedDomain[];
  /** The client first, then each competitor. */
  brands: BrandMetrics[];
}

export interface SegmentMetrics {
  /** Queries that do not name the client: the figures that measure visibility. */
  nonBranded: VisibilityMetrics;
  /** Queries that name the client (its name, an alias or its domain): mentions there are trivial. */
  branded: VisibilityMetrics;
}

/** Everything `computeRunMetrics` / `computeMetrics` return. Plain JSON. */
export interface RunMetrics {
  runId: string | null;
  client: { name: string; domain: string | null };
  analysisVersion: number;
  answers: number;
  overall: SegmentMetrics;
  byPlatform: Record<string, SegmentMetrics>;
  byCategory: Record<string, SegmentMetrics>;
  /** What each figure follows, for reports. */
  definitions: Record<string, string>;
}
