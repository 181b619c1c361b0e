import type { AnalysisPlatform, PlatformResult, QueryInput } from '../../src/index.js';

export type Behaviour = (
  query: QueryInput,
  attempt: number,
  signal?: AbortSignal,
) => Promise<PlatformResult> | PlatformResult;

/** An in-memory AnalysisPlatform for runner tests: answers from a function, no network. */
export function fakePlatform(name: string, behaviour?: Behaviour): AnalysisPlatform & { calls: string[] } {
  const calls: string[] = [];
  const answer = (query: QueryInput): PlatformResult => ({
    platform: name,
    model: `${name}-model`,
    answer: `For "${query.text}": 1. Knak is great. 2. Brevo is fine.`,
    citations: [{ url: 'https://knak.com/blog', title: 'Knak', snippet: null, position: 1 }],
    sources: [],
    searchQueries: [query.text],
    usage: { inputTokens: 10, outputTokens: 20, totalTokens: 30 },
    cost: { totalUsd: 0.01, source: 'price-table' },
    raw: { ok: true },
    providerMetadata: {},
  });
  return {
    name,
    version: '0.0.0',
    displayName: name,
    model: `${name}-model`,
    accountKey: `${name}:test`,
    prices: { date: '2026-11-01', models: {} },
    capabilities: {
      webSearch: true,
      citations: true,
      searchQueries: true,
      models: [],
      defaultModel: `${name}-model`,
      batch: false,
      rateLimits: {},
    },
    calls,
    validateConfig: () => ({ ok: true, problems: [] }),
    getCost: () => ({ totalUsd: 0.01, source: 'estimate' }),
    async execute(query, context, options) {
      calls.push(query.id);
      return behaviour ? behaviour(query, context.attempt ?? 1, options?.signal) : answer(query);
    },
  };
}
