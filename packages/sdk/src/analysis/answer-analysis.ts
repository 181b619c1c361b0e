import type { Citation } from '../contract/platform-result.js';
import type { QueryInput } from '../contract/query-input.js';
import type { ClientProfile } from '../schemas/client-profile.js';

export interface AnswerInput {
  query: QueryInput;
  answer: string;
  citations: Citation[];
}

export interface BrandMentions {
  name: string;
  domain: string | null;
  mentioned: boolean;
  mentionCount: number;
  firstMentionOffset: number | null;
  /** 1-based rank among the tracked brands by first mention; null when not mentioned. */
  rank: number | null;
  /** 1-based rank inside a numbered or bulleted list; null for prose mentions. */
  listRank: number | null;
  /** 1-based position of the first citation of the brand's domain; null when not cited. */
  citationPosition: number | null;
}

/** What the analysis derives from one stored answer. Recomputable at any time from the stored answer. */
export interface AnswerAnalysis {
  /** Bumped whenever the analysis changes, so stale rows can be re-analysed. */
  version: number;
  brand: BrandMentions;
  competitors: BrandMentions[];
}

export const ANALYSIS_VERSION = 1;

// PROVISIONAL: a first, simple matcher. The answer-analysis issue replaces the body of this module
// (word boundaries, Unicode, possessives, list ranks, sentiment) and keeps these signatures.
function mentions(text: string, names: string[]): number[] {
  const offsets: number[] = [];
  const lower = text.toLowerCase();
  for (const name of names) {
    const needle = name.toLowerCase();
    let i = lower.indexOf(needle);
    while (i !== -1) {
      const before = i === 0 ? ' ' : lower[i - 1]!;
      const after = lower[i + needle.length] ?? ' ';
      if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) offsets.push(i);
      i = lower.indexOf(needle, i + needle.length);
    }
  }
  return offsets.sort((a, b) => a - b);
}

function brandMentions(
  text: string,
  citations: Citation[],
  brand: { name: string; domain?: string | null; aliases: string[] },
): BrandMentions {
  const offsets = mentions(text, [brand.name, ...brand.aliases, ...(brand.domain ? [brand.domain] : [])]);
  const domain = brand.domain ?? null;
  const cited = domain
    ? citations.find((c) => {
        try {
          const host = new URL(c.url).hostname.toLowerCase();
          return host === domain || host.endsWith(`.${domain}`);
        } catch {
          return false;
        }
      })
    : undefined;
  return {
    name: brand.name,
    domain,
    mentioned: offsets.length > 0,
    mentionCount: offsets.length,
    firstMentionOffset: offsets[0] ?? null,
    rank: null,
    listRank: null,
    citationPosition: cited?.position ?? null,
  };
}

/** Analyses one answer for the client and its competitors. Pure: no I/O, no platform call. */
export function analyzeAnswer(input: AnswerInput, client: ClientProfile): AnswerAnalysis {
  const brand = brandMentions(input.answer, input.citations, client);
  const competitors = client.competitors.map((c) => brandMentions(input.answer, input.citations, c));
  const ranked = [brand, ...competitors]
    .filter((b) => b.firstMentionOffset !== null)
    .sort((a, b) => a.firstMentionOffset! - b.firstMentionOffset!);
  ranked.forEach((b, i) => {
    b.rank = i + 1;
  });
  return { version: ANALYSIS_VERSION, brand, competitors };
}

/** The `analysis_queries` columns an analysis fills (values ready for SQL parameters; JSON as text). */
export function answerAnalysisColumns(a: AnswerAnalysis): Record<string, unknown> {
  const mentioned = a.competitors.filter((c) => c.mentioned);
  return {
    brand_mentioned: a.brand.mentioned,
    brand_mention_count: a.brand.mentionCount,
    brand_first_mention_offset: a.brand.firstMentionOffset,
    brand_rank: a.brand.rank,
    brand_list_rank: a.brand.listRank,
    client_citation_position: a.brand.citationPosition,
    competitor_mentioned_names: mentioned.map((c) => c.name),
    competitor_count: mentioned.length,
    total_competitor_mentions: mentioned.reduce((n, c) => n + c.mentionCount, 0),
    competitor_analysis: JSON.stringify(a.competitors),
    mention_analysis: JSON.stringify(a),
    analysis_version: a.version,
  };
}
