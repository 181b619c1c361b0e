import { describe, expect, it } from 'vitest';
import type { AnalysisPlatform } from '../../src/contract/analysis-platform.js';
import type { PlatformResult } from '../../src/contract/platform-result.js';
import { InputError } from '../../src/errors/index.js';
import { generateQueries, templateQueries } from '../../src/queries/index.js';

const profile = {
  name: 'Brevo',
  domain: 'brevo.com',
  keywords: ['email marketing software', 'transactional email'],
  industry: 'SaaS',
  competitors: [{ name: 'Mailchimp' }, { name: 'Klaviyo' }, { name: 'HubSpot' }],
};

function fakePlatform(answer: string | Error): AnalysisPlatform {
  return {
    name: 'fake',
    version: '0',
    displayName: 'Fake',
    model: 'fake-1',
    accountKey: 'fake:test',
    prices: { date: '2026-01-01', models: {} },
    capabilities: {
      webSearch: false,
      citations: false,
      searchQueries: false,
      models: [],
      defaultModel: 'fake-1',
      batch: false,
      rateLimits: {},
    },
    validateConfig: () => ({ ok: true, problems: [] }),
    getCost: () => ({ totalUsd: 0, source: 'estimate' }),
    async execute(): Promise<PlatformResult> {
      if (answer instanceof Error) throw answer;
      return {
        platform: 'fake',
        model: 'fake-1',
        answer,
        citations: [],
        sources: [],
        searchQueries: [],
        usage: null,
        cost: { totalUsd: 0.002, source: 'price-table' },
        raw: {},
        providerMetadata: {},
      };
    },
  };
}

describe('query generation', () => {
  it('crosses keywords, intents and templates, tagging each query', () => {
    const qs = templateQueries(profile);
    expect(qs.length).toBeGreaterThan(20);
    expect(qs[0]).toMatchObject({
      text: 'What is the best email marketing software?',
      keyword: 'email marketing software',
      intent: 'recommendation_request',
      category: 'non_branded',
      funnelStage: 'consideration',
      source: 'template',
    });
    expect(
      qs.find((q) => q.text === 'Brevo vs Mailchimp: which is better for transactional email?'),
    ).toMatchObject({ category: 'branded' });
    expect(qs.find((q) => q.text.startsWith('What are the best alternatives to Klaviyo'))).toMatchObject({
      category: 'competitor',
    });
    expect(qs.filter((q) => q.intent === 'pricing').every((q) => q.funnelStage === 'decision')).toBe(true);
    expect(new Set(qs.map((q) => q.id)).size).toBe(qs.length);
  });

  it('de-duplicates case and punctuation variants', () => {
    const qs = templateQueries(profile, {
      keywords: ['CRM'],
      intents: ['extra'],
      templates: { extra: ['Best {keyword}?', 'best {keyword}', 'BEST {keyword}!!'] },
    });
    expect(qs.map((q) => q.text)).toEqual(['Best CRM?']);
  });

  it('can leave out branded and competitor questions and cap the count', () => {
    const qs = templateQueries(profile, { includeBranded: false, includeCompetitor: false, limit: 5 });
    expect(qs).toHaveLength(5);
    expect(qs.every((q) => q.category === 'non_branded')).toBe(true);
  });

  it('rejects a profile without keywords and unknown options with InputError', () => {
    expect(() => templateQueries({ name: 'X', keywords: [] })).toThrow(InputError);
    expect(() => templateQueries(profile, { intents: ['nope'] })).toThrow(/intents/);
    expect(() => templateQueries(profile, { limt: 3 } as never)).toThrow(InputError);
  });

  it('adds validated LLM questions through a platform, de-duplicated, with their cost', async () => {
    const reply = JSON.stringify({
      queries: [
        {
          text: 'Which email platform is easiest for a nonprofit?',
          keyword: 'email marketing software',
          intent: 'recommendation_request',
        },
        { text: 'What is the best email marketing software?' },
      ],
    });
    const r = await generateQueries(profile, {
      platform: fakePlatform(reply),
      intents: ['recommendation_request'],
    });
    expect(r.llm).toMatchObject({ status: 'ok', added: 1, costUsd: 0.002 });
    expect(r.queries.at(-1)).toMatchObject({
      source: 'llm',
      category: 'non_branded',
      intent: 'recommendation_request',
    });
  });

  it('keeps the template queries when the LLM fails', async () => {
    const r = await generateQueries(profile, {
      platform: fakePlatform('no json here'),
      intents: ['definition'],
    });
    expect(r.llm).toMatchObject({ status: 'failed' });
    expect(r.queries.length).toBeGreaterThan(0);
    expect(r.queries.every((q) => q.source === 'template')).toBe(true);
  });
});
