import { z } from 'zod';
import type { AnalysisPlatform, ExecuteOptions } from '../contract/analysis-platform.js';
import { redactSecrets } from '../errors/redact.js';
import type { ClientProfile } from '../schemas/client-profile.js';
import { type AnswerAnalysis, type AnswerInput, analyzeAnswer, type JudgeRecord } from './answer-analysis.js';
import { labelFor } from './sentiment.js';

/** What the judge may return; every field is optional and replaces the heuristic value it names. */
export const judgementSchema = z.object({
  brand_sentiment: z.number().min(-1).max(1).nullable().optional(),
  brand_sentiment_label: z.enum(['positive', 'neutral', 'negative']).nullable().optional(),
  brand_positioning: z.enum(['strong', 'neutral', 'weak']).nullable().optional(),
  query_type: z.enum(['navigational', 'transactional', 'commercial', 'informational']).optional(),
  query_intent: z.string().trim().min(1).max(60).optional(),
  funnel_stage: z.enum(['awareness', 'consideration', 'decision']).optional(),
  query_complexity: z.enum(['simple', 'moderate', 'complex']).optional(),
  response_match: z.enum(['direct', 'partial', 'none']).optional(),
  response_outcome: z
    .enum(['recommendation', 'comparison', 'instructions', 'explanation', 'refusal'])
    .optional(),
  action_orientation: z.enum(['high', 'medium', 'low']).optional(),
  query_competition: z.enum(['high', 'moderate', 'low']).optional(),
});

export type Judgement = z.output<typeof judgementSchema>;

export interface JudgeResult {
  judgement: Judgement | null;
  record: JudgeRecord;
}

/** The prompt sent to the judge: the query, the answer and the brand, asking for one JSON object. */
export function judgePrompt(input: AnswerInput, client: ClientProfile): string {
  const competitors = client.competitors.map((c) => c.name).join(', ') || '(none)';
  return [
    'You are grading an AI assistant answer for a brand-visibility audit. Reply with ONE JSON object and nothing else.',
    `Brand: ${client.name} (${client.domain}); aliases: ${client.aliases.join(', ') || '(none)'}. Competitors: ${competitors}.`,
    `Question: ${input.query.text}`,
    'Answer:',
    '"""',
    input.answer.slice(0, 12_000),
    '"""',
    'JSON fields: brand_sentiment (number -1..1 toward the brand, null if it is not mentioned),',
    'brand_sentiment_label (positive|neutral|negative|null), brand_positioning (strong|neutral|weak|null),',
    'query_type (navigational|transactional|commercial|informational), query_intent (snake_case),',
    'funnel_stage (awareness|consideration|decision), query_complexity (simple|moderate|complex),',
    'response_match (direct|partial|none), response_outcome (recommendation|comparison|instructions|explanation|refusal),',
    'action_orientation (high|medium|low), query_competition (high|moderate|low).',
  ].join('\n');
}

/** Pulls the first JSON object out of a reply that may wrap it in prose or a ```json fence. */
export function extractJson(reply: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(reply);
  const body = fenced ? fenced[1]! : reply;
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  if (start === -1 || end <= start) throw new Error('the judge reply holds no JSON object');
  return JSON.parse(body.slice(start, end + 1));
}

/**
 * Asks any configured platform to judge one answer. One attempt (no retries here); the cost of the
 * call is recorded. Never throws: a failed call or an invalid reply gives `judgement: null` and a
 * `failed` record, and callers keep the heuristic values.
 */
export async function judgeAnswer(
  platform: AnalysisPlatform,
  input: AnswerInput,
  client: ClientProfile,
  options: ExecuteOptions = {},
): Promise<JudgeResult> {
  const record: JudgeRecord = {
    platform: platform.name,
    model: platform.model,
    status: 'failed',
    costUsd: 0,
    error: null,
    fields: [],
  };
  try {
    const result = await platform.execute(
      { id: `judge:${input.query.id}`, text: judgePrompt(input, client), intent: 'analysis_judge' },
      { client },
      options,
    );
    record.model = result.model || platform.model;
    record.costUsd = result.cost?.totalUsd ?? 0;
    const parsed = judgementSchema.safeParse(extractJson(result.answer));
    if (!parsed.success) {
      record.error = `invalid judge reply: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
      return { judgement: null, record };
    }
    record.status = 'ok';
    record.fields = Object.keys(parsed.data).filter((k) => parsed.data[k as keyof Judgement] !== undefined);
    record.judgement = parsed.data;
    return { judgement: parsed.data, record };
  } catch (err) {
    record.error = redactSecrets(err instanceof Error ? err.message : String(err)).slice(0, 500);
    return { judgement: null, record };
  }
}

/** The analysis with the judge's values in place of the heuristic ones (mentions and ranks stay deterministic). */
export function applyJudgement(analysis: AnswerAnalysis, result: JudgeResult): AnswerAnalysis {
  const j = result.judgement;
  const out: AnswerAnalysis = { ...analysis, judge: result.record };
  if (!j) return out;
  const c = { ...analysis.classification };
  if (j.query_type) c.queryType = j.query_type;
  if (j.query_intent) c.queryIntent = j.query_intent;
  if (j.funnel_stage) c.funnelStage = j.funnel_stage;
  if (j.query_complexity) c.queryComplexity = j.query_complexity;
  if (j.response_match) c.responseMatch = j.response_match;
  if (j.response_outcome) c.responseOutcome = j.response_outcome;
  if (j.action_orientation) c.actionOrientation = j.action_orientation;
  if (j.query_competition) c.queryCompetition = j.query_competition;
  out.classification = c;
  // Sentiment only where the deterministic matcher found the brand: the judge cannot invent a mention.
  if (analysis.brand.mentioned && typeof j.brand_sentiment === 'number') {
    const label = j.brand_sentiment_label ?? labelFor(j.brand_sentiment);
    out.sentiment = { score: j.brand_sentiment, label, clauses: analysis.sentiment.clauses, method: 'llm' };
    out.brand = { ...analysis.brand, sentiment: j.brand_sentiment, sentimentLabel: label };
  }
  if (analysis.brand.mentioned && j.brand_positioning) out.positioning = j.brand_positioning;
  return out;
}

/**
 * Re-applies a judgement stored in an earlier analysis (its `judge` record) to a fresh analysis,
 * so re-analysis keeps what was paid for. Returns the fresh analysis unchanged when there is none.
 */
export function reapplyStoredJudgement(fresh: AnswerAnalysis, stored: unknown): AnswerAnalysis {
  const record = (stored as { judge?: JudgeRecord | null } | null)?.judge;
  if (record?.status !== 'ok' || !record.judgement) return fresh;
  const parsed = judgementSchema.safeParse(record.judgement);
  if (!parsed.success) return fresh;
  return applyJudgement(fresh, { judgement: parsed.data, record });
}

/** analyzeAnswer, then an LLM judge through `platform`; on any judge failure the heuristic values stay. */
export async function analyzeAnswerWithJudge(
  input: AnswerInput,
  client: ClientProfile,
  platform: AnalysisPlatform,
  options: ExecuteOptions = {},
): Promise<AnswerAnalysis> {
  const analysis = analyzeAnswer(input, client);
  return applyJudgement(analysis, await judgeAnswer(platform, input, client, options));
}
