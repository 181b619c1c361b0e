/**
 * Deterministic classifications for the legacy `analysis_queries` columns. Each rule is a
 * keyword heuristic, listed here so a user can see why a row got its label; an LLM judge may
 * replace them (see llm-judge.ts).
 */

export type QueryType = 'navigational' | 'transactional' | 'commercial' | 'informational';
export type QueryIntent =
  | 'comparison'
  | 'recommendation_request'
  | 'pricing'
  | 'review'
  | 'how_to'
  | 'definition'
  | 'troubleshooting'
  | 'informational';
export type FunnelStage = 'awareness' | 'consideration' | 'decision';
export type QueryComplexity = 'simple' | 'moderate' | 'complex';
export type ResponseMatch = 'direct' | 'partial' | 'none';
export type ResponseOutcome = 'recommendation' | 'comparison' | 'instructions' | 'explanation' | 'refusal';
export type Level3 = 'high' | 'medium' | 'low';
export type Competition = 'high' | 'moderate' | 'low';

export interface Classification {
  queryType: QueryType;
  queryIntent: string;
  funnelStage: FunnelStage;
  queryComplexity: QueryComplexity;
  responseMatch: ResponseMatch;
  responseOutcome: ResponseOutcome;
  actionOrientation: Level3;
  queryCompetition: Competition;
}

const COMPARISON = /\b(?:vs\.?|versus|compare[ds]?|comparison|difference between|alternatives?)\b/i;
const RECOMMEND =
  /\b(?:best|top|recommend(?:ed|ations?)?|which .* (?:should|to use)|leading|good .* for|suggest)\b/i;
const PRICING =
  /\b(?:price|prices|pricing|cost|costs|cheap|cheapest|affordable|free plan|how much|budget)\b/i;
const TRANSACTION =
  /\b(?:buy|purchase|sign ?up|subscribe|trial|demo|discount|coupon|deal|order|download|hire)\b/i;
const REVIEW = /\b(?:reviews?|worth it|pros and cons|is .* good|reliable|legit|rating)\b/i;
const HOW_TO = /\b(?:how (?:to|do|can|should)|steps? to|guide|tutorial|set ?up|configure)\b/i;
const DEFINITION = /^(?:what (?:is|are|does)|define|meaning of|explain)\b/i;
const TROUBLE = /\b(?:fix|error|not working|problem|issue|troubleshoot|fails?|broken)\b/i;
const REFUSAL =
  /\b(?:I can(?:no|')t|I am unable|I'm unable|I'm not able|I do not have access|I don't have access|as an AI)\b/i;
const CTA =
  /\b(?:sign up|get started|start (?:a |your )?(?:free )?trial|try|book a demo|request a demo|contact|visit|download|choose|consider|check out|start with|go with|opt for)\b/gi;

/**
 * query_intent (first rule that matches): comparison (vs, versus, compare, alternatives to) →
 * pricing (price, cost, cheap) → recommendation_request (best, top, recommend) → review (reviews,
 * worth it, pros and cons) → troubleshooting (fix, error, not working) → how_to (how to, guide,
 * set up) → definition (starts "what is", "define") → informational.
 */
export function classifyIntent(query: string): QueryIntent {
  if (COMPARISON.test(query)) return 'comparison';
  if (PRICING.test(query)) return 'pricing';
  if (RECOMMEND.test(query)) return 'recommendation_request';
  if (REVIEW.test(query)) return 'review';
  if (TROUBLE.test(query)) return 'troubleshooting';
  if (HOW_TO.test(query)) return 'how_to';
  if (DEFINITION.test(query.trim())) return 'definition';
  return 'informational';
}

/**
 * query_type: navigational when the query names the client and asks for nothing comparative or
 * commercial (e.g. "Brevo login"); transactional on buying words (buy, sign up, trial, demo,
 * pricing); commercial on evaluation words (best, top, vs, review, alternatives); else
 * informational.
 */
export function classifyQueryType(query: string, intent: string, branded: boolean): QueryType {
  if (TRANSACTION.test(query) || intent === 'pricing') return 'transactional';
  if (intent === 'comparison' || intent === 'recommendation_request' || intent === 'review')
    return 'commercial';
  if (branded) return 'navigational';
  return 'informational';
}

/** funnel_stage: awareness (definition, how_to, informational, troubleshooting), consideration (recommendation, comparison, review), decision (pricing, transactional, navigational). */
export function classifyFunnelStage(intent: string, type: QueryType): FunnelStage {
  if (type === 'transactional' || type === 'navigational' || intent === 'pricing') return 'decision';
  if (['comparison', 'recommendation_request', 'review', 'alternatives'].includes(intent))
    return 'consideration';
  return 'awareness';
}

/**
 * query_complexity: words plus 3 per extra constraint (for/with/without/under/and/that/in 20xx);
 * ≤ 7 simple, ≤ 15 moderate, else complex.
 */
export function classifyComplexity(query: string): QueryComplexity {
  const words = query.trim().split(/\s+/).filter(Boolean).length;
  const constraints =
    query.match(/\b(?:for|with|without|under|and|that|which|while|in 20\d\d|less than|more than)\b/gi)
      ?.length ?? 0;
  const score = words + 3 * constraints;
  return score <= 7 ? 'simple' : score <= 15 ? 'moderate' : 'complex';
}

const STOP = new Set(
  'the a an and or of for to in on with what which who how is are best top vs versus do does i my me we our your can should most good'.split(
    ' ',
  ),
);

/**
 * response_match: none for a refusal or an empty answer; otherwise the share of the query's content
 * words (and keyword) found in the answer: ≥ 0.6 direct, ≥ 0.3 partial, else none.
 */
export function classifyResponseMatch(
  query: string,
  keyword: string | null | undefined,
  answer: string,
): ResponseMatch {
  if (!answer.trim() || (REFUSAL.test(answer.slice(0, 300)) && answer.length < 600)) return 'none';
  const lower = answer.toLowerCase();
  const words = [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [])].filter(
    (w) => !STOP.has(w),
  );
  const terms = keyword ? [...words, keyword.toLowerCase()] : words;
  if (terms.length === 0) return 'direct';
  const stem = (w: string) => (w.length > 4 ? w.replace(/(?:ies|es|s|ing|ed)$/, '') : w);
  const hit = terms.filter((w) => lower.includes(stem(w))).length / terms.length;
  return hit >= 0.6 ? 'direct' : hit >= 0.3 ? 'partial' : 'none';
}

/**
 * response_outcome: refusal (refuses up front) → comparison (the query compares, or the answer has
 * a table or "vs") → recommendation (≥ 2 tracked brands named, or "recommend") → instructions (a
 * numbered list under a how-to query) → explanation.
 */
export function classifyOutcome(
  answer: string,
  intent: string,
  brandsNamed: number,
  hasNumberedList: boolean,
): ResponseOutcome {
  if (REFUSAL.test(answer.slice(0, 300)) && answer.length < 600) return 'refusal';
  if (
    intent === 'comparison' ||
    /^\s*\|.*\|\s*$/m.test(answer) ||
    /\b(?:vs\.?|versus|compared (?:to|with))\b/i.test(answer)
  )
    return 'comparison';
  if (brandsNamed >= 2 || /\brecommend/i.test(answer)) return 'recommendation';
  if (hasNumberedList && (intent === 'how_to' || intent === 'troubleshooting')) return 'instructions';
  return 'explanation';
}

/** action_orientation: calls to action (sign up, try, visit, book a demo, consider, choose...): ≥ 3 high, ≥ 1 medium, else low. */
export function classifyActionOrientation(answer: string): Level3 {
  const n = answer.match(CTA)?.length ?? 0;
  return n >= 3 ? 'high' : n >= 1 ? 'medium' : 'low';
}

/** query_competition: tracked competitors named in the answer: ≥ 3 high, ≥ 1 moderate, else low. */
export function classifyCompetition(competitorsNamed: number): Competition {
  return competitorsNamed >= 3 ? 'high' : competitorsNamed >= 1 ? 'moderate' : 'low';
}
