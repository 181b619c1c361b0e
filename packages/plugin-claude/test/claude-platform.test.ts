import { readFile } from 'node:fs/promises';
import * as anthropicSdk from '@anthropic-ai/sdk';
import {
  expectMissingKeyRefused,
  expectPlatformError,
  refusedUrl,
  useRecordingHttpServer,
} from '@citebots/sdk/testing';
import { describe, expect, it, vi } from 'vitest';
import plugin, { createClaudePlatform, mapAnthropicClientError } from '../src/index.js';

const KEY = 'sk-ant-test-0123456789SECRET';
const context = { client: { name: 'Acme', domain: 'acme-crm.example' } } as never;
const query = { id: 'q1', text: 'What is the best CRM for a small team?' };
const fixture = JSON.parse(await readFile(new URL('./fixtures/message-crm.json', import.meta.url), 'utf8'));

const server = useRecordingHttpServer(() => ({
  json: fixture,
  headers: {
    'request-id': 'req_011',
    'anthropic-ratelimit-requests-limit': '50',
    'anthropic-ratelimit-requests-remaining': '49',
    'anthropic-ratelimit-requests-reset': new Date(Date.now() + 30_000).toISOString(),
  },
}));

function platform(config: Record<string, unknown> = {}) {
  return createClaudePlatform({ apiKey: KEY, baseUrl: server.url, ...config }, {});
}

describe('claude execute', () => {
  it('sends one Messages request with the web search tool', async () => {
    await platform({ options: { max_uses: 3, blocked_domains: ['spam.example'] } }).execute(query, context);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.url).toBe('/v1/messages');
    // The official client sends the key as x-api-key or as a bearer token, depending on its version;
    // either way only the configured key, once.
    const auth = [request!.headers['x-api-key'], request!.headers.authorization].filter(Boolean);
    expect(auth).toHaveLength(1);
    expect([KEY, `Bearer ${KEY}`]).toContain(auth[0]);
    expect(request!.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(request!.json).toMatchObject({
      model: 'claude-haiku-4-5',
      messages: [{ role: 'user', content: query.text }],
      tools: [
        { type: 'web_search_20250305', name: 'web_search', max_uses: 3, blocked_domains: ['spam.example'] },
      ],
    });
  });

  it('parses citations with snippets and text-block offsets, sources, queries, tool errors and cost', async () => {
    const result = await platform().execute(query, context);
    expect(result.model).toBe('claude-haiku-4-5-20251001');
    expect(result.answer).toBe(
      "I'll search for CRM options.Based on the results, HubSpot offers a free CRM for small teams, while Acme CRM starts at $12 per seat.",
    );
    expect(result.citations.map((c) => [c.position, c.url, c.title, c.snippet])).toEqual([
      [1, 'https://www.hubspot.com/crm', 'HubSpot CRM', 'HubSpot CRM is free for up to two users.'],
      [2, 'https://acme-crm.example/pricing', 'Acme CRM pricing', 'Plans start at $12 per seat per month.'],
    ]);
    expect(result.answer.slice(result.citations[0]!.startIndex!, result.citations[0]!.endIndex!)).toBe(
      'HubSpot offers a free CRM for small teams',
    );
    expect(result.answer.slice(result.citations[1]!.startIndex!, result.citations[1]!.endIndex!)).toBe(
      'Acme CRM starts at $12 per seat',
    );
    expect(result.sources.map((s) => s.url)).toEqual([
      'https://www.hubspot.com/crm',
      'https://acme-crm.example/pricing',
      'https://zoho.example/crm',
    ]);
    expect(result.searchQueries).toEqual(['best crm small team', 'acme crm reviews']);
    expect(result.providerMetadata.claude!.searchErrors).toEqual([
      { toolUseId: 'srvtoolu_2', errorCode: 'max_uses_exceeded' },
    ]);
    expect(result.usage).toMatchObject({ inputTokens: 9000, outputTokens: 400, searchRequests: 1 });
    // 9,000 in at $1/M + 400 out at $5/M + 1 search at $10/1k.
    expect(result.cost.totalUsd).toBeCloseTo(0.009 + 0.002 + 0.01, 10);
    expect(result.cost.source).toBe('price-table');
    expect(result.requestId).toBe('req_011');
    expect(result.rateLimit!.limitRequests).toBe(50);
    expect(result.rateLimit!.resetRequestsMs).toBeGreaterThan(20_000);
    expect(result.raw).toEqual(fixture);
  });

  it('continues a pause_turn answer by resending the content, within the same execute', async () => {
    const first = {
      ...fixture,
      content: fixture.content.slice(0, 3),
      stop_reason: 'pause_turn',
      usage: { input_tokens: 100, output_tokens: 10, server_tool_use: { web_search_requests: 1 } },
    };
    const second = {
      ...fixture,
      content: fixture.content.slice(5),
      usage: { input_tokens: 200, output_tokens: 20, server_tool_use: { web_search_requests: 0 } },
    };
    let call = 0;
    server.handler = () => ({ json: call++ === 0 ? first : second });
    const result = await platform().execute(query, context);
    expect(server.requests).toHaveLength(2);
    const messages = (server.requests[1]!.json as { messages: { role: string; content: unknown }[] })
      .messages;
    expect(messages[1]).toEqual({ role: 'assistant', content: first.content });
    expect(result.citations).toHaveLength(2);
    expect(result.sources).toHaveLength(3);
    expect(result.usage).toMatchObject({ inputTokens: 300, outputTokens: 30, searchRequests: 1 });
    expect(result.providerMetadata.claude!.continuations).toBe(1);
  });

  it('bounds continuations', async () => {
    server.handler = () => ({ json: { ...fixture, stop_reason: 'pause_turn' } });
    const result = await platform({ options: { max_continuations: 2 } }).execute(query, context);
    expect(server.requests).toHaveLength(3);
    expect(result.providerMetadata.claude!.stopReason).toBe('pause_turn');
  });

  it('accepts an empty search result list and a body without model or citations', async () => {
    server.handler = () => ({
      json: {
        role: 'assistant',
        content: [
          { type: 'server_tool_use', id: 's1', name: 'web_search', input: { query: 'q' } },
          { type: 'web_search_tool_result', tool_use_id: 's1', content: [] },
          { type: 'text', text: 'No results.' },
        ],
        stop_reason: 'end_turn',
        usage: { input_tokens: 10, output_tokens: 5 },
      },
    });
    const result = await platform().execute(query, context);
    expect(result.answer).toBe('No results.');
    expect(result.citations).toEqual([]);
    expect(result.sources).toEqual([]);
    expect(result.model).toBe('claude-haiku-4-5');
  });
});

describe('claude errors', () => {
  const error = (type: string, message: string, details?: unknown) => ({
    type: 'error',
    error: { type, message, ...(details ? { details } : {}) },
    request_id: 'req_err',
  });

  it('maps the tier spend-cap 429 to a non-retryable quota_exceeded', async () => {
    server.handler = () => ({
      status: 429,
      json: error('rate_limit_error', 'You have reached your API usage limits.', {
        error_code: 'enforced_spend_limit_reached',
      }),
    });
    const e = await expectPlatformError(platform().execute(query, context));
    expect(e.kind).toBe('quota_exceeded');
    expect(e.isRetryable).toBe(false);
    expect(e.stopsPlatform).toBe(true);
    expect(e.providerCode).toBe('enforced_spend_limit_reached');
    expect(e.requestId).toBe('req_err');
  });

  it('maps the own spend limit 400 and the 402 billing error to quota_exceeded', async () => {
    server.handler = () => ({
      status: 400,
      json: error(
        'invalid_request_error',
        'You have reached your specified API usage limits. You will regain access on 2026-09-01.',
      ),
    });
    expect((await expectPlatformError(platform().execute(query, context))).kind).toBe('quota_exceeded');
    server.handler = () => ({ status: 402, json: error('billing_error', 'Payment required') });
    expect((await expectPlatformError(platform().execute(query, context))).kind).toBe('quota_exceeded');
  });

  it('maps a plain 429 to rate_limited with retry-after', async () => {
    server.handler = () => ({
      status: 429,
      headers: { 'retry-after': '7' },
      json: error('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'),
    });
    const e = await expectPlatformError(platform().execute(query, context));
    expect(e.kind).toBe('rate_limited');
    expect(e.retryAfterMs).toBe(7000);
    expect(server.requests).toHaveLength(1);
  });

  const cases: [number, string, string, boolean][] = [
    [400, 'invalid_request_error', 'invalid_request', false],
    [401, 'authentication_error', 'authentication', false],
    [403, 'permission_error', 'authentication', false],
    [404, 'not_found_error', 'not_found', false],
    [413, 'request_too_large', 'invalid_request', false],
    [500, 'api_error', 'server_error', true],
    [503, 'api_error', 'server_error', true],
    [529, 'overloaded_error', 'overloaded', true],
  ];
  for (const [status, type, kind, retryable] of cases) {
    it(`maps ${status} ${type} to ${kind}`, async () => {
      server.handler = () => ({ status, json: error(type, `failure ${status}`) });
      const e = await expectPlatformError(platform().execute(query, context));
      expect(e.kind).toBe(kind);
      expect(e.isRetryable).toBe(retryable);
      expect(e.status).toBe(status);
      expect(server.requests).toHaveLength(1);
    });
  }

  it('maps a broken 200 to malformed_response', async () => {
    server.handler = () => ({ json: { type: 'message', content: 'oops' } });
    expect((await expectPlatformError(platform().execute(query, context))).kind).toBe('malformed_response');
  });

  it('cancels when the signal aborts while the server holds the request', async () => {
    server.handler = () => 'hang';
    const e = await expectPlatformError(
      server.abortWhenReceived((signal) => platform().execute(query, context, { signal })),
    );
    expect(e.kind).toBe('cancelled');
  });

  it('times out after timeoutMs', async () => {
    server.handler = () => 'hang';
    expect((await expectPlatformError(platform({ timeoutMs: 150 }).execute(query, context))).kind).toBe(
      'timeout',
    );
  });

  it('counts continuations against the same timeoutMs', async () => {
    let call = 0;
    server.handler = () => (call++ === 0 ? { json: { ...fixture, stop_reason: 'pause_turn' } } : 'hang');
    const started = Date.now();
    const e = await expectPlatformError(platform({ timeoutMs: 300 }).execute(query, context));
    expect(e.kind).toBe('timeout');
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('maps a refused connection to network', async () => {
    const e = await expectPlatformError(
      createClaudePlatform({ apiKey: KEY, baseUrl: await refusedUrl() }, {}).execute(query, context),
    );
    expect(e.kind).toBe('network');
  });

  it('never puts the key in errors, raw or metadata', async () => {
    server.handler = (req) => ({
      status: 401,
      json: error(
        'authentication_error',
        `invalid x-api-key ${String(req.headers['x-api-key'] ?? req.headers.authorization)}`,
      ),
    });
    const e = await expectPlatformError(platform().execute(query, context));
    expect(`${e.message} ${JSON.stringify(e.toJSON())}`).not.toContain(KEY);
    server.handler = () => ({ json: fixture });
    expect(JSON.stringify(await platform().execute(query, context))).not.toContain(KEY);
  });
});

describe('claude transport', () => {
  it('sends through the SDK node:http fetch, never the global fetch', async () => {
    const globalFetch = vi.fn(() => Promise.reject(new Error('global fetch used')));
    vi.stubGlobal('fetch', globalFetch);
    try {
      const result = await platform().execute(query, context);
      expect(result.requestId).toBe('req_011');
    } finally {
      vi.unstubAllGlobals();
    }
    expect(globalFetch).not.toHaveBeenCalled();
    expect(server.requests).toHaveLength(1);
  });

  it('maps the @anthropic-ai/sdk error classes by type', () => {
    const state = { timedOut: false, timeoutMs: 1000 };
    const headers = new Headers({ 'request-id': 'req_7' });
    const overloaded = mapAnthropicClientError(
      new anthropicSdk.APIError(
        529,
        { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
        undefined,
        headers,
      ),
      state,
      anthropicSdk,
    );
    expect(overloaded).toMatchObject({ kind: 'overloaded', status: 529, requestId: 'req_7' });
    expect(
      mapAnthropicClientError(new anthropicSdk.APIConnectionTimeoutError(), state, anthropicSdk).kind,
    ).toBe('timeout');
    expect(mapAnthropicClientError(new anthropicSdk.APIUserAbortError(), state, anthropicSdk).kind).toBe(
      'cancelled',
    );
    const refused = new anthropicSdk.APIConnectionError({
      cause: new TypeError('fetch failed', {
        cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
      }),
    });
    expect(mapAnthropicClientError(refused, state, anthropicSdk).kind).toBe('network');
  });
});

describe('claude config', () => {
  it('creates without a key and names ANTHROPIC_API_KEY', async () => {
    const p = plugin.create({}, {});
    expect(p.model).toBe('claude-haiku-4-5');
    await expectMissingKeyRefused(p, 'ANTHROPIC_API_KEY');
  });

  it('reads the environment and rejects conflicting domain filters', async () => {
    const p = plugin.create(
      {},
      { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url, ANTHROPIC_MODEL: 'claude-sonnet-4-6' },
    );
    expect(p.accountKey).toMatch(/^claude:[0-9a-f]{12}$/);
    await p.execute(query, context);
    expect((server.requests[0]!.json as { model: string }).model).toBe('claude-sonnet-4-6');
    expect(() =>
      plugin.create({ options: { allowed_domains: ['a.example'], blocked_domains: ['b.example'] } }, {}),
    ).toThrow(/claude\.options\.allowed_domains/);
  });

  it('estimates a cost including one search', () => {
    const cost = plugin.create({}, {}).getCost({ kind: 'estimate', query });
    expect(cost.source).toBe('estimate');
    expect(cost.searchUsd).toBeCloseTo(0.01, 10);
  });
});
