import { readFile } from 'node:fs/promises';
import { ConfigError } from '@citebots/sdk';
import {
  expectMissingKeyRefused,
  expectPlatformError,
  refusedUrl,
  useRecordingHttpServer,
} from '@citebots/sdk/testing';
import * as openaiSdk from 'openai';
import { describe, expect, it, vi } from 'vitest';
import plugin, { createChatGptPlatform, mapOpenAIClientError } from '../src/index.js';

const KEY = 'sk-test-chatgpt-0123456789SECRET';
const context = { client: { name: 'Acme', domain: 'acme-crm.example' } } as never;
const query = { id: 'q1', text: 'What is the best CRM for a small team?' };
const load = async (name: string) =>
  JSON.parse(await readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const responsesFixture = await load('responses-crm.json');
const chatFixture = await load('chat-search-crm.json');

const server = useRecordingHttpServer(() => ({
  json: responsesFixture,
  headers: {
    'x-request-id': 'req_abc',
    'x-ratelimit-limit-requests': '5000',
    'x-ratelimit-remaining-requests': '4999',
    'x-ratelimit-reset-requests': '12ms',
    'x-ratelimit-reset-tokens': '6m0s',
  },
}));

function platform(config: Record<string, unknown> = {}) {
  return createChatGptPlatform({ apiKey: KEY, baseUrl: server.url, ...config }, {});
}

describe('chatgpt Responses API', () => {
  it('sends one Responses request with the web_search tool and asks for sources', async () => {
    await platform({ options: { search_context_size: 'low', allowed_domains: ['hubspot.com'] } }).execute(
      query,
      context,
    );
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.url).toBe('/responses');
    expect(request!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request!.json).toMatchObject({
      model: 'gpt-4.1-mini',
      input: query.text,
      tools: [
        { type: 'web_search', search_context_size: 'low', filters: { allowed_domains: ['hubspot.com'] } },
      ],
      include: ['web_search_call.action.sources'],
    });
  });

  it('sends the organization and project headers only when configured', async () => {
    await platform().execute(query, context);
    await platform({ organization: 'org-1', project: 'proj-1' }).execute(query, context);
    const [plain, scoped] = server.requests;
    expect(plain!.headers['openai-organization']).toBeUndefined();
    expect(plain!.headers['openai-project']).toBeUndefined();
    expect(scoped!.headers['openai-organization']).toBe('org-1');
    expect(scoped!.headers['openai-project']).toBe('proj-1');
    expect(scoped!.headers['content-type']).toBe('application/json');
  });

  it('parses answer, deduplicated citations with offsets, queries, sources and cost', async () => {
    const result = await platform().execute(query, context);
    expect(result.model).toBe('gpt-4.1-mini-2025-04-14');
    expect(result.citations.map((c) => [c.position, c.url, c.title])).toEqual([
      [1, 'https://www.hubspot.com/crm?utm_source=openai', 'HubSpot CRM'],
      [2, 'https://acme-crm.example/pricing?utm_source=openai', 'Acme CRM pricing'],
    ]);
    for (const c of result.citations) {
      expect(result.answer.slice(c.startIndex!, c.endIndex!)).toBe(
        `([${new URL(c.url).hostname.replace('www.', '')}](${c.url}))`,
      );
    }
    expect(result.answer.slice(0, result.citations[1]!.startIndex!)).toMatch(/Acme CRM is cheaper $/);
    expect(result.searchQueries).toEqual(['best crm small team', 'acme crm pricing', 'hubspot free plan']);
    expect(result.sources.map((s) => s.url)).toEqual([
      'https://www.hubspot.com/crm',
      'https://acme-crm.example/pricing',
      'https://zoho.example/crm',
    ]);
    expect(result.sources[0]!.title).toBe('HubSpot CRM');
    expect(result.usage).toMatchObject({
      inputTokens: 1000,
      cachedInputTokens: 200,
      outputTokens: 300,
      searchRequests: 2,
    });
    // 800 uncached + 2 × 8,000 block at $0.40/M, 200 cached at $0.10/M, 300 out at $1.60/M, 2 searches at $10/1k.
    expect(result.cost.source).toBe('price-table');
    expect(result.cost.searchUsd).toBeCloseTo(0.02, 10);
    expect(result.cost.totalUsd).toBeCloseTo(0.00672 + 0.00002 + 0.00048 + 0.02, 10);
    expect(result.requestId).toBe('req_abc');
    expect(result.rateLimit).toMatchObject({
      limitRequests: 5000,
      remainingRequests: 4999,
      resetRequestsMs: 12,
      resetTokensMs: 360_000,
    });
    expect(result.raw).toEqual(responsesFixture);
    expect(result.providerMetadata.chatgpt).toMatchObject({ api: 'responses', tool: 'web_search' });
  });

  it('tolerates a web_search_call without an action and a message with no annotations', async () => {
    server.handler = () => ({
      json: {
        id: 'resp_1',
        model: 'gpt-4o',
        output: [
          { id: 'ws_1', type: 'web_search_call', status: 'searching' },
          { type: 'message', content: [{ type: 'output_text', text: 'Plain answer.', annotations: null }] },
        ],
        usage: null,
      },
    });
    const result = await platform({ model: 'gpt-4o' }).execute(query, context);
    expect(result.answer).toBe('Plain answer.');
    expect(result.citations).toEqual([]);
    expect(result.searchQueries).toEqual([]);
    expect(result.usage).toBeNull();
    expect(result.cost.searchUsd).toBeCloseTo(0.01, 10);
  });

  it('prices the preview tool at its own per-call fee without the content block', async () => {
    const p = platform({ options: { tool: 'web_search_preview' } });
    const result = await p.execute(query, context);
    expect((server.requests[0]!.json as { include?: unknown }).include).toBeUndefined();
    expect(result.cost.searchUsd).toBeCloseTo(0.05, 10);
    expect(result.cost.inputUsd).toBeCloseTo(800 * 0.4e-6 + 200 * 0.1e-6, 10);
  });
});

describe('chatgpt Chat Completions search models', () => {
  it('parses nested url_citation annotations', async () => {
    server.handler = () => ({ json: chatFixture });
    const result = await platform({ api: 'chat', model: 'gpt-5-search-api' }).execute(query, context);
    const request = server.requests[0]!;
    expect(request.url).toBe('/chat/completions');
    expect(request.json).toMatchObject({
      model: 'gpt-5-search-api',
      messages: [{ role: 'user', content: query.text }],
    });
    expect(result.citations.map((c) => [c.url, c.title])).toEqual([
      ['https://www.hubspot.com/crm?utm_source=chatgpt.com', 'HubSpot'],
      ['https://acme-crm.example/pricing', 'Acme'],
    ]);
    for (const c of result.citations)
      expect(result.answer.slice(c.startIndex!, c.endIndex!)).toBe(`[${c.position}]`);
    expect(result.cost.totalUsd).toBeCloseTo(100 * 1.25e-6 + 50 * 10e-6, 10);
    expect(result.searchQueries).toEqual([]);
  });
});

describe('chatgpt errors', () => {
  it('maps a TPM 429 to rate_limited with retry-after-ms from the message when no header', async () => {
    server.handler = () => ({
      status: 429,
      json: {
        error: {
          message: 'Rate limit reached for gpt-4.1-mini on tokens per min (TPM). Please try again in 108ms.',
          type: 'tokens',
          param: null,
          code: 'rate_limit_exceeded',
        },
      },
    });
    const error = await expectPlatformError(platform().execute(query, context));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(108);
    expect(error.isRetryable).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('prefers the retry-after header', async () => {
    server.handler = () => ({
      status: 429,
      headers: {
        'retry-after': '3',
        'x-ratelimit-remaining-tokens': '0',
        'x-ratelimit-reset-tokens': '1.5s',
      },
      json: {
        error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' },
      },
    });
    const error = await expectPlatformError(platform().execute(query, context));
    expect(error.retryAfterMs).toBe(3000);
    expect(error.rateLimit).toMatchObject({ remainingTokens: 0, resetTokensMs: 1500 });
  });

  for (const code of ['insufficient_quota', 'credit_balance_exhausted']) {
    it(`maps 429 ${code} to a non-retryable quota_exceeded`, async () => {
      server.handler = () => ({
        status: 429,
        headers: { 'retry-after': '1' },
        json: {
          error: { message: 'You have no credits remaining.', type: 'insufficient_quota', param: null, code },
        },
      });
      const error = await expectPlatformError(platform().execute(query, context));
      expect(error.kind).toBe('quota_exceeded');
      expect(error.isRetryable).toBe(false);
      expect(error.stopsPlatform).toBe(true);
      expect(error.retryAfterMs).toBeNull();
      expect(server.requests).toHaveLength(1);
    });
  }

  const cases: [number, string, boolean][] = [
    [400, 'invalid_request', false],
    [401, 'authentication', false],
    [403, 'authentication', false],
    [404, 'not_found', false],
    [422, 'invalid_request', false],
    [500, 'server_error', true],
    [502, 'server_error', true],
    [503, 'server_error', true],
  ];
  for (const [status, kind, retryable] of cases) {
    it(`maps HTTP ${status} to ${kind} with one attempt`, async () => {
      server.handler = () => ({
        status,
        json: { error: { message: `failure ${status}`, type: 'server_error', param: null, code: null } },
      });
      const error = await expectPlatformError(platform().execute(query, context));
      expect(error.kind).toBe(kind);
      expect(error.status).toBe(status);
      expect(error.isRetryable).toBe(retryable);
      expect(server.requests).toHaveLength(1);
    });
  }

  it('maps a schema-breaking or non-JSON 200 to malformed_response', async () => {
    server.handler = () => ({ json: { id: 'resp_1', output: 'nope' } });
    expect((await expectPlatformError(platform().execute(query, context))).kind).toBe('malformed_response');
    server.handler = () => ({ text: 'not json' });
    expect((await expectPlatformError(platform().execute(query, context))).kind).toBe('malformed_response');
  });

  it('maps a 200 Responses body with status failed to a PlatformError', async () => {
    server.handler = () => ({
      json: {
        id: 'resp_f',
        status: 'failed',
        error: { code: 'server_error', message: 'Internal failure' },
        output: [],
      },
    });
    const error = await expectPlatformError(platform().execute(query, context));
    expect(error.kind).toBe('server_error');
    expect(error.isRetryable).toBe(true);
  });

  it('cancels when the signal aborts while the server holds the request', async () => {
    server.handler = () => 'hang';
    const error = await expectPlatformError(
      server.abortWhenReceived((signal) => platform().execute(query, context, { signal })),
    );
    expect(error.kind).toBe('cancelled');
    expect(server.requests).toHaveLength(1);
  });

  it('times out after timeoutMs', async () => {
    server.handler = () => 'hang';
    const error = await expectPlatformError(platform({ timeoutMs: 150 }).execute(query, context));
    expect(error.kind).toBe('timeout');
  });

  it('maps a refused connection to network', async () => {
    const error = await expectPlatformError(
      createChatGptPlatform({ apiKey: KEY, baseUrl: await refusedUrl() }, {}).execute(query, context),
    );
    expect(error.kind).toBe('network');
  });

  it('never puts the key in errors, raw or metadata', async () => {
    server.handler = (req) => ({
      status: 401,
      json: {
        error: {
          message: `Incorrect API key provided: ${String(req.headers.authorization)}`,
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      },
    });
    const error = await expectPlatformError(platform().execute(query, context));
    expect(error.kind).toBe('authentication');
    expect(`${error.message} ${JSON.stringify(error.toJSON())}`).not.toContain(KEY);
    server.handler = () => ({ json: responsesFixture });
    const result = await platform().execute(query, context);
    expect(JSON.stringify(result)).not.toContain(KEY);
  });
});

describe('chatgpt transport', () => {
  it('sends through the SDK node:http fetch, never the global fetch', async () => {
    const globalFetch = vi.fn(() => Promise.reject(new Error('global fetch used')));
    vi.stubGlobal('fetch', globalFetch);
    try {
      const result = await platform().execute(query, context);
      expect(result.requestId).toBe('req_abc');
    } finally {
      vi.unstubAllGlobals();
    }
    expect(globalFetch).not.toHaveBeenCalled();
    expect(server.requests).toHaveLength(1);
  });

  it('maps the openai error classes by type', () => {
    const state = { timedOut: false, timeoutMs: 1000 };
    const headers = new Headers({ 'x-request-id': 'req_9', 'retry-after': '2' });
    const rateLimited = mapOpenAIClientError(
      new openaiSdk.RateLimitError(429, { message: 'slow down', type: 'requests' }, undefined, headers),
      state,
      openaiSdk,
    );
    expect(rateLimited).toMatchObject({ kind: 'rate_limited', status: 429, requestId: 'req_9' });
    expect(rateLimited.retryAfterMs).toBe(2000);
    const quota = mapOpenAIClientError(
      new openaiSdk.RateLimitError(429, { code: 'insufficient_quota' }, undefined, headers),
      state,
      openaiSdk,
    );
    expect(quota).toMatchObject({ kind: 'quota_exceeded', retryAfterMs: null });
    expect(mapOpenAIClientError(new openaiSdk.APIConnectionTimeoutError(), state, openaiSdk).kind).toBe(
      'timeout',
    );
    expect(mapOpenAIClientError(new openaiSdk.APIUserAbortError(), state, openaiSdk).kind).toBe('cancelled');
    const timedOut = mapOpenAIClientError(
      new openaiSdk.APIUserAbortError(),
      { ...state, timedOut: true },
      openaiSdk,
    );
    expect(timedOut.kind).toBe('timeout');
    const refused = new openaiSdk.APIConnectionError({
      cause: new TypeError('fetch failed', {
        cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
      }),
    });
    expect(mapOpenAIClientError(refused, state, openaiSdk)).toMatchObject({
      kind: 'network',
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });
});

describe('chatgpt config', () => {
  it('creates without a key and names OPENAI_API_KEY', async () => {
    const p = plugin.create({}, {});
    expect(p.model).toBe('gpt-4.1-mini');
    await expectMissingKeyRefused(p, 'OPENAI_API_KEY');
  });

  it('reads the environment and names bad settings', async () => {
    const p = plugin.create({}, { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url, OPENAI_MODEL: 'gpt-4o' });
    expect(p.model).toBe('gpt-4o');
    expect(p.accountKey).toMatch(/^chatgpt:[0-9a-f]{12}$/);
    await p.execute(query, context);
    expect((server.requests[0]!.json as { model: string }).model).toBe('gpt-4o');
    expect(() => plugin.create({ api: 'assistants' } as never, {})).toThrow(/chatgpt\.api/);
    expect(() => plugin.create({ options: { tool: 'bing' } } as never, {})).toThrow(ConfigError);
  });

  it('estimates a cost including one search', () => {
    const cost = plugin.create({}, {}).getCost({ kind: 'estimate', query });
    expect(cost.source).toBe('estimate');
    expect(cost.searchUsd).toBeCloseTo(0.01, 10);
  });
});
