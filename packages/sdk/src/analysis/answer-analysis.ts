import { boundedMemo } from '../common/bounded-memo.js';
import type { Citation } from '../contract/platform-result.js';
import type { QueryInput } from '../contract/query-input.js';
import { positionAdjustedWordCount } from '../metrics/pawc.js';
import type { ClientProfile } from '../schemas/client-profile.js';
import { ANALYSIS_VERSION } from './analysis-version.js';
import { findMentions, type MentionSpan, type TextContext, type TrackedBrand } from './brand-matcher.js';
import { attributeCitations, type CitedSource } from './citation-attribution.js';
import {
  type Classification,
  classifyActionOrientation,
  classifyCompetition,
  classifyComplexity,
  classifyFunnelStage,
  classifyIntent,
  classifyOutcome,
  classifyQueryType,
  classifyResponseMatch,
} from './classify.js';
import { hostMatchesDomain, hostOf, registrableDomainOfHost } from './domain-match.js';
import { parseListItems } from './list-structure.js';
import { canonicalText, matchingText } from './normalize-text.js';
import { splitSentences } from './sentences.js';
import { type BrandSentiment, brandSentiment, type SentimentLabel } from './sentiment.js';
import { findDomainTokens, findMarkdownLinks, type Span } from './text-spans.js';

export interface AnswerInput {
  query: QueryInput;
  answer: string;
  citations: Citation[];
}

export type MentionType = 'text' | 'citation' | 'both';

export interface BrandMentions {
  name: string;
  domain: string | null;
  /** Named in the text, or cited (a cited URL on the brand's domain). */
  mentioned: boolean;
  /** Mentions in the text (name, alias or domain); citations are counted in `citationCount`. */
  mentionCount: number;
  /** Offset in the (NFC) answer of the first mention in the text; null when only cited or absent. */
  firstMentionOffset: number | null;
  /** 1-based rank among the tracked brands by first mention in the text; null when not named in the text. */
  rank: number | null;
  /** 1-based rank inside a numbered or bulleted list; null for prose mentions. */
  listRank: number | null;
  /** 1-based position of the first citation of the brand's domain; null when not cited. */
  citationPosition: number | null;
  /** `text`, `citation` or `both`; null when not mentioned. */
  mentionType: MentionType | null;
  /** Citations (returned or inline links) on the brand's domain. */
  citationCount: number;
  /** Positions of the returned citations on the brand's domain. */
  citationPositions: number[];
  /** Offsets of every mention in the text. */
  mentionOffsets: number[];
  sentiment: number | null;
  sentimentLabel: SentimentLabel | null;
  /** Position-adjusted word count of the brand's cited sources in this answer (fraction of words). */
  pawc: number;
}

/** One source the answer cites, with its domain and whose it is. */
export interface CitedSourceSummary {
  url: string;
  /** 1-based position among the returned citations; null for an inline link the list lacks. */
  position: number | null;
  /** Registrable domain (`blog.knak.com` → `knak.com`). */
  domain: string | null;
  isClient: boolean;
  /** The tracked competitor whose domain it is. */
  competitor: string | null;
  pawc: number;
}

/** What an LLM judge contributed, and what it cost. */
export interface JudgeRecord {
  platform: string;
  model: string;
  status: 'ok' | 'failed';
  costUsd: number;
  error: string | null;
  /** The fields the judge set (the rest stay heuristic). */
  fields: string[];
  /** The judge's validated reply, kept so that re-analysis can re-apply it without calling again. */
  judgement?: Record<string, unknown> | null;
}

/** What the analysis derives from one stored answer. Recomputable at any time from the stored answer. */
export interface AnswerAnalysis {
  /** Bumped whenever the analysis changes, so stale rows can be re-analysed. */
  version: number;
  brand: BrandMentions;
  competitors: BrandMentions[];
  /** The query itself names the client (its name, an alias or its domain): mentions are trivial. */
  branded: boolean;
  sentiment: BrandSentiment;
  /** strong: named first (rank or list rank 1) and not negative; weak: negative, ranked 4th or later, or only cited; else neutral. Null when absent. */
  positioning: 'strong' | 'neutral' | 'weak' | null;
  classification: Classification;
  citations: CitedSourceSummary[];
  /** Number of ranked list items in the answer (0: prose). */
  listItems: number;
  judge: JudgeRecord | null;
}

function textContext(answer: string): TextContext {
  const text = canonicalText(answer);
  const mtext = matchingText(text);
  const links = findMarkdownLinks(mtext);
  const domains = findDomainTokens(mtext);
  const excluded: Span[] = [];
  for (const l of links) {
    if (l.citationOnly) excluded.push({ start: l.start, end: l.end });
    else excluded.push({ start: l.labelStart + l.label.length, end: l.end });
  }
  return { text, mtext, links, domains, excluded };
}

function trackedBrands(client: ClientProfile): TrackedBrand[] {
  return [
    { name: client.name, domain: client.domain, aliases: client.aliases ?? [] },
    ...(client.competitors ?? []).map((c) => ({
      name: c.name,
      domain: c.domain ?? null,
      aliases: c.aliases ?? [],
    })),
  ];
}

/** True when the query names the client (name, alias or domain). */
export function isBrandedQuery(
  queryText: string,
  client: Pick<ClientProfile, 'name' | 'domain' | 'aliases'>,
): boolean {
  // A query is analysed once per platform that answered it: the last answers are remembered.
  return brandedQuery(JSON.stringify([queryText, client.name, client.domain, client.aliases ?? []]));
}

/** `isBrandedQuery` by its JSON-encoded arguments. */
const brandedQuery = boundedMemo(1_000, (key: string): boolean => {
  const [queryText, name, domain, aliases] = JSON.parse(key) as [string, string, string | null, string[]];
  return findMentions(textContext(queryText), { name, domain, aliases }).length > 0;
});

function positioning(b: BrandMentions, label: SentimentLabel | null): AnswerAnalysis['positioning'] {
  if (!b.mentioned) return null;
  if (label === 'negative' || b.mentionType === 'citation' || (b.rank !== null && b.rank >= 4)) return 'weak';
  if (b.rank === 1 || b.listRank === 1) return 'strong';
  return 'neutral';
}

/** Analyses one answer for the client and its competitors. Pure: no I/O, no platform call. */
export function analyzeAnswer(input: AnswerInput, client: ClientProfile): AnswerAnalysis {
  const ctx = textContext(input.answer ?? '');
  const brands = trackedBrands(client);
  const sentences = splitSentences(ctx.text);
  const items = parseListItems(ctx.text);
  const { sources, bySentence } = attributeCitations(
    ctx.text,
    sentences,
    input.citations ?? [],
    // The links of the matching text are those of the text when normalising changed nothing.
    ctx.mtext === ctx.text ? ctx.links : undefined,
  );

  // PAWC per source, then per brand domain.
  const pawcResult = positionAdjustedWordCount(
    sentences.map((s, i) => ({ text: s.text, cites: bySentence[i]!.map(String) })),
  );
  const sourcePawc = sources.map((_, i) => pawcResult.pawc[String(i)] ?? 0);
  // Each source's host, parsed once (not once per brand): urlMatchesDomain(url, d) is hostMatchesDomain(hostOf(url), d).
  const sourceHosts = sources.map((s) => hostOf(s.url));

  const spans: MentionSpan[][] = brands.map((b) => findMentions(ctx, b));
  let clientSentiment: BrandSentiment | undefined;
  const results: BrandMentions[] = brands.map((b, bi) => {
    const mentions = spans[bi]!;
    const domain = b.domain ?? null;
    const cited: { s: CitedSource; i: number }[] = [];
    sources.forEach((s, i) => {
      if (hostMatchesDomain(sourceHosts[i] ?? null, domain)) cited.push({ s, i });
    });
    const citationPositions = cited
      .map(({ s }) => s.position)
      .filter((p): p is number => p !== null)
      .sort((x, y) => x - y);
    const item = items.find((it) => mentions.some((m) => m.start >= it.start && m.start < it.end));
    const others = spans.filter((_, j) => j !== bi).flat();
    const sentiment = brandSentiment(ctx.text, sentences, mentions, others);
    if (bi === 0) clientSentiment = sentiment;
    const text = mentions.length > 0;
    const citation = cited.length > 0;
    return {
      name: b.name,
      domain,
      mentioned: text || citation,
      mentionCount: mentions.length,
      firstMentionOffset: mentions[0]?.start ?? null,
      rank: null,
      listRank: item?.rank ?? null,
      citationPosition: citationPositions[0] ?? null,
      mentionType: text && citation ? 'both' : text ? 'text' : citation ? 'citation' : null,
      citationCount: cited.length,
      citationPositions,
      mentionOffsets: mentions.map((m) => m.start),
      sentiment: sentiment.score,
      sentimentLabel: sentiment.label,
      pawc: round(cited.reduce((n, { i }) => n + sourcePawc[i]!, 0)),
    };
  });
  results
    .filter((b) => b.firstMentionOffset !== null)
    .sort((a, b) => a.firstMentionOffset! - b.firstMentionOffset!)
    .forEach((b, i) => {
      b.rank = i + 1;
    });

  const brand = results[0]!;
  const competitors = results.slice(1);
  // The client's sentiment, computed above for its BrandMentions with the same mentions and others.
  const sentiment = clientSentiment!;
  const branded = isBrandedQuery(input.query.text, client);
  const intent = input.query.intent?.trim() || classifyIntent(input.query.text);
  const queryType = classifyQueryType(input.query.text, intent, branded);
  const namedCompetitors = competitors.filter((c) => c.mentionCount > 0).length;
  const classification: Classification = {
    queryType,
    queryIntent: intent,
    funnelStage: classifyFunnelStage(intent, queryType),
    queryComplexity: classifyComplexity(input.query.text),
    responseMatch: classifyResponseMatch(input.query.text, input.query.keyword, ctx.text),
    responseOutcome: classifyOutcome(
      ctx.text,
      intent,
      results.filter((r) => r.mentionCount > 0).length,
      items.some((i) => i.kind === 'numbered'),
    ),
    actionOrientation: classifyActionOrientation(ctx.text),
    queryCompetition: classifyCompetition(namedCompetitors),
  };

  const competitorBrands = brands.slice(1);
  const citations: CitedSourceSummary[] = sources.map((s, i) => {
    const host = sourceHosts[i] ?? null;
    const competitor = competitorBrands.find((b) => hostMatchesDomain(host, b.domain));
    return {
      url: s.url,
      position: s.position,
      // registrableDomain(url) ?? hostOf(url)
      domain: registrableDomainOfHost(host) ?? host,
      isClient: hostMatchesDomain(host, client.domain),
      competitor: competitor?.name ?? null,
      pawc: round(sourcePawc[i]!),
    };
  });

  return {
    version: ANALYSIS_VERSION,
    brand,
    competitors,
    branded,
    sentiment,
    positioning: positioning(brand, sentiment.label),
    classification,
    citations,
    listItems: items.length,
    judge: null,
  };
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** SQL types of the columns `answerAnalysisColumns` fills that need a cast in a parameterised statement. */
export const ANSWER_ANALYSIS_COLUMN_CASTS: Readonly<Record<string, string>> = {
  competitor_analysis: 'jsonb',
  mention_analysis: 'jsonb',
  competitor_mentioned_names: 'text[]',
  analysis_cost_usd: 'numeric',
};

/**
 * The `analysis_queries` columns an analysis fills (values ready for SQL parameters; JSON as
 * text, cast with `$n::jsonb`, see ANSWER_ANALYSIS_COLUMN_CASTS). Every key is a real column
 * (migrations 0001, 0002 and 0004).
 */
export function answerAnalysisColumns(a: AnswerAnalysis): Record<string, unknown> {
  const named = a.competitors.filter((c) => c.mentioned);
  const c = a.classification;
  return {
    brand_mentioned: a.brand.mentioned,
    brand_mention_count: a.brand.mentionCount,
    brand_mention_type: a.brand.mentionType,
    brand_first_mention_offset: a.brand.firstMentionOffset,
    brand_rank: a.brand.rank,
    brand_list_rank: a.brand.listRank,
    client_citation_position: a.brand.citationPosition,
    brand_citation_count: a.brand.citationCount,
    brand_sentiment: a.sentiment.score,
    brand_sentiment_label: a.sentiment.label,
    brand_positioning: a.positioning,
    brand_pawc: a.brand.pawc,
    branded_query: a.branded,
    competitor_mentioned_names: named.map((x) => x.name),
    competitor_count: named.length,
    total_competitor_mentions: named.reduce((n, x) => n + x.mentionCount, 0),
    competitor_analysis: JSON.stringify(a.competitors),
    competitor_context:
      named.length === 0
        ? null
        : named
            .map(
              (x) =>
                `${x.name} (${x.rank !== null ? `rank ${x.rank}` : 'cited only'}${x.listRank !== null ? `, list ${x.listRank}` : ''})`,
            )
            .join('; '),
    citation_count: a.citations.filter((s) => s.position !== null).length,
    query_type: c.queryType,
    query_intent: c.queryIntent,
    funnel_stage: c.funnelStage,
    query_complexity: c.queryComplexity,
    response_match: c.responseMatch,
    response_outcome: c.responseOutcome,
    action_orientation: c.actionOrientation,
    query_competition: c.queryCompetition,
    mention_analysis: JSON.stringify(a),
    analysis_method: a.judge?.status === 'ok' ? 'llm' : 'heuristic',
    analysis_cost_usd: a.judge?.costUsd ?? 0,
    analysis_version: a.version,
  };
}
