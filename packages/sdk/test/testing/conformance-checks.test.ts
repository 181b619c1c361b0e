import { describe, expect, it } from 'vitest';
import type { AnalysisPlatform, PlatformResult } from '../../src/index.js';
import {
  buildFakeErrorResponse,
  buildFakeResponse,
  checkPlatformResult,
  checkPlatformShape,
  findSecret,
} from '../../src/testing/index.js';

const goodResult: PlatformResult = {
  platform: 'demo',
  model: 'demo-1',
  answer: 'Knak is good [1]. Brevo too [2].',
  citations: [
    { url: 'https://a.example/x', title: null, snippet: null, position: 1, startIndex: 0, endIndex: 16 },
    { url: 'https://b.example/y', title: 'B', snippet: null, position: 2 },
  ],
  sources: [],
  searchQueries: ['knak'],
  usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
  cost: { totalUsd: 0.001, source: 'price-table' },
  raw: {},
  providerMetadata: {},
};

const goodPlatform: AnalysisPlatform = {
  name: 'demo',
  version: '1.0.0',
  displayName: 'Demo',
  model: 'demo-1',
  capabilities: {
    webSearch: true,
    citations: true,
    searchQueries: false,
    models: ['demo-1'],
    defaultModel: 'demo-1',
    batch: false,
    rateLimits: { requestsPerMinute: 60 },
  },
  prices: { date: '2026-11-01', models: { 'demo-1': { inputPerMTok: 1, outputPerMTok: 2 } } },
  accountKey: 'demo:abc123',
  validateConfig: () => ({ ok: true, problems: [] }),
  execute: async () => goodResult,
  getCost: () => ({ totalUsd: 0, source: 'estimate' }),
};

describe('checkPlatformShape', () => {
  it('accepts a well-formed platform', () => {
    expect(checkPlatformShape(goodPlatform, 'demo')).toEqual([]);
  });

  it('names each problem', () => {
    const bad = {
      ...goodPlatform,
      name: 'Demo',
      version: 'latest',
      prices: { date: 'Nov 2026', models: { 'demo-1': { inputPerMTok: -1, outputPerMTok: 2 } } },
      accountKey: '',
    };
    const problems = checkPlatformShape(bad, 'demo');
    expect(problems).toEqual(
      expect.arrayContaining([
        'name is "Demo", expected "demo"',
        'version must be semver (1.2.3)',
        'prices.date must be a date like 2026-11-01',
        'prices.models.demo-1.inputPerMTok must be a number >= 0',
        'accountKey must not be empty',
      ]),
    );
  });
});

describe('checkPlatformResult', () => {
  it('accepts ordered citations with offsets inside the answer', () => {
    expect(checkPlatformResult(goodResult, 'demo')).toEqual([]);
  });

  it('catches out-of-order positions, offsets outside the answer and negative costs', () => {
    const bad: PlatformResult = {
      ...goodResult,
      citations: [
        { ...goodResult.citations[0]!, position: 2 },
        { ...goodResult.citations[1]!, position: 1, startIndex: 10, endIndex: 999 },
        { url: 'ftp://x', title: null, snippet: null, position: 3, startIndex: 5 },
      ],
      cost: { totalUsd: -1, source: 'price-table' },
    };
    expect(checkPlatformResult(bad, 'demo')).toEqual([
      'citations[0].position is 2, expected 1 (1-based, in order)',
      'citations[1].position is 1, expected 2 (1-based, in order)',
      'citations[1] offsets [10, 999) are not a span of the 32-character answer',
      'citations[2].url must be an http(s) URL',
      'citations[2] must give both startIndex and endIndex, or neither',
      'cost.totalUsd must be a number >= 0',
    ]);
  });
});

describe('findSecret', () => {
  it('finds a key, or a long piece of it, anywhere in a value, errors included', () => {
    const key = 'conformance-key-0123456789abcdef';
    const error = new Error('failed', { cause: new Error(`GET https://x/?key=${key}`) });
    expect(findSecret({ a: [{ b: `Bearer ${key}` }] }, key)).toEqual(['$.a.0.b']);
    expect(findSecret({ tail: '…89abcdef-and-more…' }, key)).toEqual([]);
    expect(findSecret({ tail: key.slice(-12) }, key)).toEqual(['$.tail']);
    expect(findSecret(error, key)).toEqual(expect.arrayContaining(['$.cause.message']));
    expect(findSecret({ clean: 'nothing here', prefixOnly: 'conformance-key-1' }, key)).toEqual([]);
  });
});

describe('fixture builders', () => {
  it('builds the same body the server sends, deterministically', () => {
    const a = buildFakeResponse('perplexity', { question: 'best crm', brands: ['Knak'] }) as {
      citations: string[];
      citebots_simulated: boolean;
    };
    expect(a).toEqual(buildFakeResponse('perplexity', { question: 'best crm', brands: ['Knak'] }));
    expect(a.citebots_simulated).toBe(true);
    expect(a.citations.length).toBeGreaterThan(0);
  });

  it('builds provider error replies', () => {
    const gemini = buildFakeErrorResponse('gemini', 'rate_limit', { retryAfterMs: 2500 });
    expect(gemini.status).toBe(429);
    expect(gemini.body).toContain('"retryDelay":"2.5s"');
    const anthropic = buildFakeErrorResponse('anthropic', 'overloaded');
    expect(anthropic.status).toBe(529);
    expect(JSON.parse(anthropic.body).error.type).toBe('overloaded_error');
  });
});
