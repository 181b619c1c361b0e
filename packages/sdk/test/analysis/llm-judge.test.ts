import { describe, expect, it } from 'vitest';
import {
  analyzeAnswer,
  analyzeAnswerWithJudge,
  answerAnalysisColumns,
  judgeAnswer,
} from '../../src/analysis/index.js';
import type { AnalysisPlatform } from '../../src/contract/analysis-platform.js';
import type { PlatformResult } from '../../src/contract/platform-result.js';
import type { QueryInput } from '../../src/contract/query-input.js';
import { PlatformError } from '../../src/errors/index.js';
import type { ClientProfile } from '../../src/schemas/client-profile.js';

const client: ClientProfile = {
  name: 'Brevo',
  domain: 'brevo.com',
  aliases: [],
  competitors: [{ name: 'Mailchimp', domain: 'mailchimp.com', aliases: [] }],
  keywords: [],
};

/** A plain object implementing AnalysisPlatform: no network. */
function fakePlatform(
  reply: (query: QueryInput) => string | Error,
): AnalysisPlatform & { prompts: string[] } {
  const prompts: string[] = [];
  return {
    name: 'fake',
    version: '0.0.0',
    displayName: 'Fake',
    model: 'fake-judge-1',
    accountKey: 'fake:test',
    prices: { date: '2026-01-01', models: {} },
    capabilities: {
      webSearch: false,
      citations: false,
      searchQueries: false,
      models: ['fake-judge-1'],
      defaultModel: 'fake-judge-1',
      batch: false,
      rateLimits: {},
    },
    validateConfig: () => ({ ok: true, problems: [] }),
    getCost: () => ({ totalUsd: 0, source: 'estimate' }),
    prompts,
    async execute(query): Promise<PlatformResult> {
      prompts.push(query.text);
      const out = reply(query);
      if (out instanceof Error) throw out;
      return {
        platform: 'fake',
        model: 'fake-judge-1-2026',
        answer: out,
        citations: [],
        sources: [],
        searchQueries: [],
        usage: { inputTokens: 900, outputTokens: 80, totalTokens: 980 },
        cost: { totalUsd: 0.0012, source: 'price-table' },
        raw: {},
        providerMetadata: {},
      };
    },
  };
}

const input = {
  query: { id: 'q1', text: 'best email tools' },
  answer: 'Mailchimp is the default pick. Brevo is a decent budget option.',
  citations: [],
};

describe('LLM judge', () => {
  it('applies a valid JSON judgement and records its cost', async () => {
    const platform = fakePlatform(
      () =>
        'Here you go:\n```json\n{"brand_sentiment": 0.4, "brand_sentiment_label": "positive", "brand_positioning": "neutral", "query_intent": "recommendation_request", "response_outcome": "recommendation", "action_orientation": "low"}\n```',
    );
    const a = await analyzeAnswerWithJudge(input, client, platform);
    expect(platform.prompts[0]).toContain('Brevo (brevo.com)');
    expect(a.judge).toMatchObject({
      status: 'ok',
      costUsd: 0.0012,
      model: 'fake-judge-1-2026',
      platform: 'fake',
    });
    expect(a.sentiment).toMatchObject({ score: 0.4, label: 'positive', method: 'llm' });
    expect(a.positioning).toBe('neutral');
    expect(a.classification.responseOutcome).toBe('recommendation');
    // Mentions and ranks stay deterministic.
    expect(a.brand.rank).toBe(2);
    const cols = answerAnalysisColumns(a);
    expect(cols).toMatchObject({ analysis_method: 'llm', analysis_cost_usd: 0.0012, brand_sentiment: 0.4 });
  });

  it('falls back to the heuristic on an invalid reply, keeping the cost', async () => {
    const heuristic = analyzeAnswer(input, client);
    const platform = fakePlatform(() => '{"brand_sentiment": 7, "funnel_stage": "purchase"}');
    const a = await analyzeAnswerWithJudge(input, client, platform);
    expect(a.judge).toMatchObject({ status: 'failed', costUsd: 0.0012 });
    expect(a.judge!.error).toMatch(/invalid judge reply/);
    expect(a.sentiment).toEqual(heuristic.sentiment);
    expect(a.classification).toEqual(heuristic.classification);
    expect(answerAnalysisColumns(a).analysis_method).toBe('heuristic');
  });

  it('falls back when the platform fails, and never throws', async () => {
    const platform = fakePlatform(
      () => new PlatformError('slow down', { kind: 'rate_limited', platform: 'fake' }),
    );
    const result = await judgeAnswer(platform, input, client);
    expect(result.judgement).toBeNull();
    expect(result.record.status).toBe('failed');
    expect(result.record.error).toBeTruthy();
  });

  it('does not let the judge invent a sentiment for an absent brand', async () => {
    const platform = fakePlatform(() => '{"brand_sentiment": 0.9, "brand_positioning": "strong"}');
    const a = await analyzeAnswerWithJudge({ ...input, answer: 'Mailchimp only.' }, client, platform);
    expect(a.sentiment.score).toBeNull();
    expect(a.positioning).toBeNull();
  });
});
