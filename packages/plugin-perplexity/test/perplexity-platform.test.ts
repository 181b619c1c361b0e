import { readFile } from 'node:fs/promises';
import { ConfigError, type PlatformResult } from '@citebots/sdk';
import {
  expectMissingKeyRefused,
  expectPlatformError,
  refusedUrl,
  useRecordingHttpServer,
} from '@citebots/sdk/testing';
import { describe, expect, it } from 'vitest';
import plugin, { createPerplexityPlatform } from '../src/index.js';

const KEY = 'pplx-test-0123456789abcdefSECRET';
const context = { client: { name: 'Acme', domain: 'acme-crm.example' } } as never;
const query = { id: 'q1', text: 'What is the best CRM for a small team?' };
const fixture = JSON.parse(await readFile(new URL('./fixtures/sonar-crm.json', import.meta.url), 'utf8'));

const server = useRecordingHttpServer(() => ({
  json: fixture,
  headers: { 'x-request-id': 'req-123' },
}));

function platform(config: Record<string, unknown> = {}) {
  return createPerplexityPlatform({ apiKey: KEY, baseUrl: server.url, ...config }, {});
}

describe('perplexity execute', () => {
  it('sends one chat completion with the options and the bearer key', async () => {
    const p = platform({
      options: { search_recency_filter: 'month', web_search_options: { search_context_size: 'medium' } },
    });
    await p.execute(query, context);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/chat/completions');
    expect(request!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request!.json).toEqual({
      model: 'sonar',
      messages: [{ role: 'user', content: query.text }],
      search_recency_filter: 'month',
      web_search_options: { search_context_size: 'medium' },
    });
  });

  it('parses the answer, citations in order with titles and marker offsets, and the provider cost', async () => {
    const result: PlatformResult = await platform().execute(query, context);
    expect(result.platform).toBe('perplexity');
    expect(result.model).toBe('sonar');
    expect(result.answer).toContain('Acme CRM');
    expect(result.citations.map((c) => [c.position, c.url, c.title])).toEqual([
      [1, 'https://www.hubspot.com/products/crm?utm_source=perplexity', 'Free CRM Software | HubSpot'],
      [2, 'https://acme-crm.example/pricing', 'Acme CRM pricing'],
      [3, 'https://www.pipedrive.com/en/blog/best-crm', 'The best CRM for small business'],
    ]);
    for (const citation of result.citations) {
      expect(result.answer.slice(citation.startIndex!, citation.endIndex!)).toBe(`[${citation.position}]`);
    }
    expect(result.answer.slice(0, result.citations[1]!.startIndex!)).toMatch(/for its price$/);
    expect(result.citations[0]!.snippet).toBe('HubSpot CRM is free for up to 2 users.');
    expect(result.citations[0]!.date).toBe('2026-09-01');
    expect(result.sources.map((s) => s.url)).toContain('https://zoho.example/review');
    expect(result.usage).toMatchObject({
      inputTokens: 12,
      outputTokens: 48,
      totalTokens: 60,
      searchRequests: 1,
    });
    expect(result.cost).toMatchObject({ totalUsd: 0.00506, requestUsd: 0.005, source: 'provider' });
    expect(result.providerMetadata.perplexity!.relatedQuestions).toEqual([
      'Is HubSpot CRM really free?',
      'What does Acme CRM cost?',
    ]);
    expect(result.requestId).toBe('req-123');
    expect(result.raw).toEqual(fixture);
    expect(result.searchQueries).toEqual([]);
  });

  it('prices from the table, with the request fee of the search context size, when usage.cost is absent', async () => {
    const { cost: _cost, ...usage } = fixture.usage;
    server.handler = () => ({ json: { ...fixture, usage: { ...usage, search_context_size: 'medium' } } });
    const result = await platform().execute(query, context);
    // 12 in + 48 out at $1/M each, plus $8 per 1k requests at "medium".
    expect(result.cost.source).toBe('price-table');
    expect(result.cost.totalUsd).toBeCloseTo(60e-6 + 0.008, 10);
    expect(result.cost.priceTableDate).toBe('2026-02-24');
  });

  it('applies price overrides over the dated defaults', async () => {
    const { cost: _cost, ...usage } = fixture.usage;
    server.handler = () => ({ json: { ...fixture, usage } });
    const p = platform({ prices: { date: '2026-11-01', models: { sonar: { inputPerMTok: 2 } } } });
    expect(p.prices.models.sonar).toMatchObject({ inputPerMTok: 2, outputPerMTok: 1 });
    const result = await p.execute(query, context);
    expect(result.cost.totalUsd).toBeCloseTo(24e-6 + 48e-6 + 0.005, 10);
    expect(result.cost.priceTableDate).toBe('2026-11-01');
  });

  it('falls back to search results when citations[] is missing, and tolerates null fields', async () => {
    server.handler = () => ({
      json: {
        ...fixture,
        citations: null,
        related_questions: null,
        usage: null,
        search_results: [{ url: 'https://a.example/', title: null, snippet: null }],
      },
    });
    const result = await platform().execute(query, context);
    expect(result.citations).toEqual([
      expect.objectContaining({ url: 'https://a.example/', title: null, position: 1 }),
    ]);
    const [first] = result.citations;
    expect(result.answer.slice(first!.startIndex!, first!.endIndex!)).toBe('[1]');
    expect(result.usage).toBeNull();
    expect(result.cost.totalUsd).toBeGreaterThanOrEqual(0);
  });

  it('reads rate-limit headers into a snapshot', async () => {
    server.handler = () => ({
      json: fixture,
      headers: { 'x-ratelimit-limit-requests': '50', 'x-ratelimit-remaining-requests': '49' },
    });
    const result = await platform().execute(query, context);
    expect(result.rateLimit).toMatchObject({ limitRequests: 50, remainingRequests: 49 });
  });
});

describe('perplexity errors', () => {
  const cases: [string, { status: number; json?: unknown; text?: string }, string, boolean][] = [
    [
      'invalid model (integer code)',
      { status: 400, json: { error: { message: "Invalid model 'x'.", type: 'invalid_model', code: 400 } } },
      'invalid_request',
      false,
    ],
    [
      '401 HTML page',
      { status: 401, text: '<html><body>401 Authorization Required</body></html>' },
      'authentication',
      false,
    ],
    [
      '422 FastAPI detail',
      {
        status: 422,
        json: { detail: [{ loc: ['body', 'messages'], msg: 'field required', type: 'missing' }] },
      },
      'invalid_request',
      false,
    ],
    [
      '404',
      { status: 404, json: { error: { message: 'Not found', type: 'not_found', code: 404 } } },
      'not_found',
      false,
    ],
    ['500', { status: 500, json: { error: { message: 'Internal error', code: 500 } } }, 'server_error', true],
    ['502 HTML', { status: 502, text: '<html>Bad gateway</html>' }, 'server_error', true],
    [
      '503',
      { status: 503, json: { error: { message: 'Service unavailable', code: 503 } } },
      'server_error',
      true,
    ],
    [
      'out of credits',
      {
        status: 401,
        json: { error: { message: 'Insufficient credits', type: 'insufficient_quota', code: 401 } },
      },
      'quota_exceeded',
      false,
    ],
  ];
  for (const [name, reply, kind, retryable] of cases) {
    it(`maps ${name} to ${kind}`, async () => {
      server.handler = () => reply;
      const error = await expectPlatformError(platform().execute(query, context));
      expect(error.kind).toBe(kind);
      expect(error.isRetryable).toBe(retryable);
      expect(error.status).toBe(reply.status);
    });
  }

  it('maps 429 to rate_limited and honours retry-after', async () => {
    server.handler = () => ({
      status: 429,
      headers: { 'retry-after': '2' },
      json: { error: { message: 'Rate limit exceeded', type: 'rate_limit_exceeded', code: 429 } },
    });
    const error = await expectPlatformError(platform().execute(query, context));
    expect(error.kind).toBe('rate_limited');
    expect(error.isRetryable).toBe(true);
    expect(error.retryAfterMs).toBe(2000);
    expect(error.providerCode).toBe('rate_limit_exceeded');
  });

  it('treats quota errors as stopping the platform', async () => {
    server.handler = () => ({
      status: 429,
      json: { error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 429 } },
    });
    const error = await expectPlatformError(platform().execute(query, context));
    expect(error.kind).toBe('quota_exceeded');
    expect(error.isRetryable).toBe(false);
    expect(error.stopsPlatform).toBe(true);
  });

  it('maps an unparseable or schema-breaking 200 to malformed_response', async () => {
    server.handler = () => ({ status: 200, text: '<html>oops</html>' });
    expect((await expectPlatformError(platform().execute(query, context))).kind).toBe('malformed_response');
    server.handler = () => ({ json: { id: 'x', choices: [] } });
    const error = await expectPlatformError(platform().execute(query, context));
    expect(error.kind).toBe('malformed_response');
    expect(error.isRetryable).toBe(true);
  });

  it('cancels when the signal aborts while the server holds the request', async () => {
    server.handler = () => 'hang';
    const error = await expectPlatformError(
      server.abortWhenReceived((signal) => platform().execute(query, context, { signal })),
    );
    expect(error.kind).toBe('cancelled');
    expect(error.isRetryable).toBe(false);
  });

  it('times out after timeoutMs', async () => {
    server.handler = () => 'hang';
    const error = await expectPlatformError(platform({ timeoutMs: 150 }).execute(query, context));
    expect(error.kind).toBe('timeout');
    expect(error.isRetryable).toBe(true);
  });

  it('maps a refused connection to network', async () => {
    const url = await refusedUrl();
    const error = await expectPlatformError(
      createPerplexityPlatform({ apiKey: KEY, baseUrl: url }, {}).execute(query, context),
    );
    expect(error.kind).toBe('network');
  });

  it('never puts the key in errors, raw or metadata', async () => {
    server.handler = (req) => ({
      status: 401,
      json: { error: { message: `Invalid API key ${String(req.headers.authorization)}`, code: 401 } },
    });
    const error = await expectPlatformError(platform().execute(query, context));
    expect(error.kind).toBe('authentication');
    expect(JSON.stringify({ ...error.toJSON(), message: error.message })).not.toContain(KEY);
    server.handler = () => ({ json: fixture });
    const p = platform();
    const result = await p.execute(query, context);
    expect(JSON.stringify(result)).not.toContain(KEY);
    expect(p.accountKey).toMatch(/^perplexity:[0-9a-f]{12}$/);
  });
});

describe('perplexity config', () => {
  it('creates without a key, reports it in validateConfig, and refuses to execute naming the env var', async () => {
    const p = plugin.create({}, {});
    expect(p.model).toBe('sonar');
    expect(p.validateConfig().ok).toBe(false);
    await expectMissingKeyRefused(p, 'PERPLEXITY_API_KEY');
    expect(server.requests).toHaveLength(0);
  });

  it('reads key, base URL and model from the environment', async () => {
    const p = plugin.create(
      {},
      { PERPLEXITY_API_KEY: KEY, PERPLEXITY_BASE_URL: `${server.url}/`, PERPLEXITY_MODEL: 'sonar-pro' },
    );
    expect(p.validateConfig().ok).toBe(true);
    expect(p.model).toBe('sonar-pro');
    await p.execute(query, context);
    expect((server.requests[0]!.json as { model: string }).model).toBe('sonar-pro');
  });

  it('rejects a bad setting with a ConfigError naming it', () => {
    expect(() => plugin.create({ timeoutMs: -1 }, {})).toThrow(/perplexity\.timeoutMs/);
    expect(() => plugin.create({ options: { search_recency_filter: 'decade' } } as never, {})).toThrow(
      /perplexity\.options\.search_recency_filter/,
    );
    expect(() => plugin.create({ baseUrl: 'not a url' }, {})).toThrow(ConfigError);
  });

  it('estimates a cost before the call', () => {
    const cost = plugin.create({}, {}).getCost({ kind: 'estimate', query });
    expect(cost.source).toBe('estimate');
    expect(cost.totalUsd).toBeGreaterThan(0.005);
  });

  it('gives different account keys for different keys and base URLs', () => {
    const a = plugin.create({ apiKey: 'pplx-aaaaaaaaaaaa' }, {}).accountKey;
    const b = plugin.create({ apiKey: 'pplx-bbbbbbbbbbbb' }, {}).accountKey;
    const c = plugin.create({ apiKey: 'pplx-aaaaaaaaaaaa', baseUrl: 'http://127.0.0.1:1' }, {}).accountKey;
    expect(new Set([a, b, c]).size).toBe(3);
  });
});
