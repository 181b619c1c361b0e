import {
  expectMissingKeyRefused,
  expectPlatformError,
  type RecordedHttpRequest,
  type RecordingReply,
  useRecordingHttpServer,
} from '@citebots/sdk/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import plugin, { createGeminiPlatform } from '../src/index.js';

const KEY = 'AIzaSyTest0123456789abcdefghijSECRET';
const context = { client: { name: 'Acme', domain: 'acme-crm.example' } } as never;
const query = { id: 'q1', text: 'Quel est le meilleur CRM pour une petite équipe ?' };

// Two text parts with multi-byte characters: offsets below are UTF-8 byte offsets into the joined text.
const PART_1 = 'Pour une petite équipe, HubSpot est gratuit 🎉. ';
const PART_2 = 'Acme CRM coûte 12 € par siège. Zoho est une autre option.';
const TEXT = PART_1 + PART_2;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
function byteSpan(needle: string) {
  const start = TEXT.indexOf(needle);
  return { startIndex: bytes(TEXT.slice(0, start)), endIndex: bytes(TEXT.slice(0, start + needle.length)) };
}

function responseBody(base: string) {
  const redirect = (token: string) => `${base}/grounding-api-redirect/${token}`;
  const first = byteSpan('Pour une petite équipe, HubSpot est gratuit 🎉.');
  return {
    candidates: [
      {
        content: { role: 'model', parts: [{ text: PART_1 }, { text: PART_2 }] },
        finishReason: 'STOP',
        groundingMetadata: {
          webSearchQueries: ['meilleur CRM petite équipe', 'prix Acme CRM'],
          searchEntryPoint: { renderedContent: '<div>…</div>' },
          groundingChunks: [
            { web: { uri: redirect('AUZIYQ-zoho'), title: 'zoho.example' } },
            { web: { uri: redirect('AQXblr-acme'), title: 'acme-crm.example' } },
            { web: { uri: redirect('AQXblr-hubspot'), title: 'hubspot.com' } },
            { web: { uri: redirect('AQXblr-missing'), title: 'gone.example' } },
            { web: { uri: redirect('AQXblr-hubspot-again'), title: 'hubspot.com' } },
          ],
          groundingSupports: [
            // Listed out of text order on purpose; the first segment omits startIndex (it is 0).
            {
              segment: {
                ...byteSpan('Acme CRM coûte 12 € par siège.'),
                text: 'Acme CRM coûte 12 € par siège.',
              },
              groundingChunkIndices: [1, 4],
            },
            {
              segment: { endIndex: first.endIndex, text: 'Pour une petite équipe, HubSpot est gratuit 🎉.' },
              groundingChunkIndices: [2],
            },
            {
              segment: { ...byteSpan('Zoho est une autre option.'), text: 'Zoho est une autre option.' },
              groundingChunkIndices: [0, 3],
            },
          ],
        },
      },
    ],
    usageMetadata: {
      promptTokenCount: 20,
      candidatesTokenCount: 100,
      thoughtsTokenCount: 50,
      totalTokenCount: 170,
    },
    modelVersion: 'gemini-2.5-flash',
    responseId: 'resp-gem-1',
  };
}

const LOCATIONS: Record<string, string> = {
  '/grounding-api-redirect/AUZIYQ-zoho': 'https://zoho.example/crm',
  '/grounding-api-redirect/AQXblr-acme': 'https://acme-crm.example/pricing',
  '/grounding-api-redirect/AQXblr-hubspot': 'https://www.hubspot.com/crm',
  '/grounding-api-redirect/AQXblr-hubspot-again': 'https://www.hubspot.com/crm?utm_source=gemini',
};

let generate: (req: RecordedHttpRequest) => RecordingReply;
const server = useRecordingHttpServer((req) => {
  if (req.method === 'POST') return generate(req);
  const location = LOCATIONS[req.url];
  return location ? { status: 302, headers: { location } } : { status: 404 };
});
beforeEach(() => {
  generate = () => ({ json: responseBody(server.url), headers: { 'x-request-id': 'g-req-1' } });
});

function platform(config: Record<string, unknown> = {}) {
  return createGeminiPlatform({ apiKey: KEY, baseUrl: server.url, redirectHost: '127.0.0.1', ...config }, {});
}

describe('gemini execute', () => {
  it('sends one generateContent request with google_search and the key in x-goog-api-key', async () => {
    await platform({ resolveRedirects: false }).execute(query, context);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.url).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(request!.headers['x-goog-api-key']).toBe(KEY);
    expect(request!.json).toEqual({
      contents: [{ role: 'user', parts: [{ text: query.text }] }],
      tools: [{ google_search: {} }],
    });
  });

  it('joins the parts, orders citations by first use, converts byte offsets and resolves redirects', async () => {
    const result = await platform().execute(query, context);
    expect(result.answer).toBe(TEXT);
    expect(result.citations.map((c) => [c.position, c.url, c.title])).toEqual([
      [1, 'https://www.hubspot.com/crm', 'hubspot.com'],
      [2, 'https://acme-crm.example/pricing', 'acme-crm.example'],
      [3, 'https://zoho.example/crm', 'zoho.example'],
      [4, `${server.url}/grounding-api-redirect/AQXblr-missing`, 'gone.example'],
    ]);
    const span = (i: number) =>
      result.answer.slice(result.citations[i]!.startIndex!, result.citations[i]!.endIndex!);
    expect(span(0)).toBe('Pour une petite équipe, HubSpot est gratuit 🎉.');
    expect(span(1)).toBe('Acme CRM coûte 12 € par siège.');
    expect(span(2)).toBe('Zoho est une autre option.');
    expect(result.searchQueries).toEqual(['meilleur CRM petite équipe', 'prix Acme CRM']);
    expect(result.sources).toHaveLength(4);
    const heads = server.requests.filter((r) => r.method === 'HEAD');
    expect(heads).toHaveLength(5);
    expect(result.usage).toMatchObject({
      inputTokens: 20,
      outputTokens: 150,
      totalTokens: 170,
      searchRequests: 2,
    });
    // 20 in at $0.30/M + 150 out at $2.50/M + one grounded prompt at $35/1k.
    expect(result.cost.totalUsd).toBeCloseTo(20 * 0.3e-6 + 150 * 2.5e-6 + 0.035, 10);
    expect(result.requestId).toBe('g-req-1');
    expect(result.providerMetadata.gemini!.redirects).toMatchObject({
      [`${server.url}/grounding-api-redirect/AQXblr-acme`]: 'https://acme-crm.example/pricing',
    });
    expect(result.raw).toEqual(responseBody(server.url));
  });

  it('keeps the original link when the resolver times out, and accepts an injected resolver', async () => {
    server.handler = (req) => (req.method === 'POST' ? generate(req) : 'hang');
    const slow = await platform({ redirectTimeoutMs: 100 }).execute(query, context);
    expect(slow.citations[0]!.url).toBe(`${server.url}/grounding-api-redirect/AQXblr-hubspot`);
    const injected = await platform({
      resolveUrl: async (url: string) => url.replace(/.*\//, 'https://resolved.example/'),
    }).execute(query, context);
    expect(injected.citations[0]!.url).toBe('https://resolved.example/AQXblr-hubspot');
  });

  it('never resolves non-local redirect links while the API base URL is local', async () => {
    const seen: string[] = [];
    generate = () => ({
      json: {
        candidates: [
          {
            content: { parts: [{ text: 'Answer.' }] },
            groundingMetadata: {
              groundingChunks: [
                {
                  web: {
                    uri: 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/AQXblrX',
                    title: 'a.example',
                  },
                },
              ],
            },
          },
        ],
      },
    });
    const p = createGeminiPlatform(
      {
        apiKey: KEY,
        baseUrl: server.url,
        resolveUrl: async (u: string) => {
          seen.push(u);
          return 'https://a.example/';
        },
      },
      {},
    );
    const result = await p.execute(query, context);
    expect(seen).toEqual([]);
    expect(result.citations[0]!.url).toContain('vertexaisearch.cloud.google.com');
    expect(result.citations[0]!.startIndex).toBeNull();
  });

  it('gives no offsets to a segment that lies past the end of a trimmed answer', async () => {
    generate = () => ({
      json: {
        candidates: [
          {
            content: { parts: [{ text: 'Short.' }] },
            groundingMetadata: {
              groundingChunks: [{ web: { uri: 'https://a.example/', title: 'a.example' } }],
              groundingSupports: [{ segment: { startIndex: 80, endIndex: 120 }, groundingChunkIndices: [0] }],
            },
          },
        ],
      },
    });
    const result = await platform().execute(query, context);
    expect(result.citations).toEqual([
      expect.objectContaining({ url: 'https://a.example/', position: 1, startIndex: null, endIndex: null }),
    ]);
  });

  it('accepts a response without groundingMetadata', async () => {
    generate = () => ({
      json: {
        candidates: [{ content: { parts: [{ text: 'No search needed.' }] }, finishReason: 'STOP' }],
        usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 4, totalTokenCount: 9 },
      },
    });
    const result = await platform().execute(query, context);
    expect(result.answer).toBe('No search needed.');
    expect(result.citations).toEqual([]);
    expect(result.searchQueries).toEqual([]);
    expect(result.cost.searchUsd).toBe(0);
  });

  it('prices Gemini 3 grounding per search query', async () => {
    generate = () => ({ json: { ...responseBody(server.url), modelVersion: 'gemini-3.5-flash' } });
    const result = await platform({ model: 'gemini-3.5-flash', resolveRedirects: false }).execute(
      query,
      context,
    );
    expect(result.cost.searchUsd).toBeCloseTo(2 * 0.014, 10);
  });
});

describe('gemini errors', () => {
  it('maps 429 RESOURCE_EXHAUSTED with RetryInfo to rate_limited with retryAfterMs', async () => {
    generate = () => ({
      status: 429,
      json: {
        error: {
          code: 429,
          message: 'You exceeded your current quota, please check your plan.',
          status: 'RESOURCE_EXHAUSTED',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
              violations: [{ quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }],
            },
            { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '34.4s' },
          ],
        },
      },
    });
    const error = await expectPlatformError(platform().execute(query, context));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(34_400);
    expect(error.isRetryable).toBe(true);
  });

  it('maps an exhausted daily quota to quota_exceeded', async () => {
    generate = () => ({
      status: 429,
      json: {
        error: {
          code: 429,
          message: 'Quota exceeded',
          status: 'RESOURCE_EXHAUSTED',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
              violations: [{ quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier' }],
            },
            { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '3600s' },
          ],
        },
      },
    });
    const error = await expectPlatformError(platform().execute(query, context));
    expect(error.kind).toBe('quota_exceeded');
    expect(error.isRetryable).toBe(false);
    expect(error.retryAfterMs).toBeNull();
  });

  const cases: [number, string, string, string, boolean][] = [
    [400, 'INVALID_ARGUMENT', 'Invalid JSON payload', 'invalid_request', false],
    [400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', 'authentication', false],
    [403, 'PERMISSION_DENIED', 'Permission denied', 'authentication', false],
    [404, 'NOT_FOUND', 'models/gemini-9 is not found', 'not_found', false],
    [500, 'INTERNAL', 'Internal error', 'server_error', true],
    [503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.', 'overloaded', true],
    [504, 'DEADLINE_EXCEEDED', 'Deadline exceeded', 'timeout', true],
  ];
  for (const [status, code, message, kind, retryable] of cases) {
    it(`maps ${status} ${code} "${message.slice(0, 20)}" to ${kind}`, async () => {
      generate = () => ({ status, json: { error: { code: status, message, status: code } } });
      const error = await expectPlatformError(platform().execute(query, context));
      expect(error.kind).toBe(kind);
      expect(error.isRetryable).toBe(retryable);
      expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    });
  }

  it('maps a 200 without candidates or with a broken shape to malformed_response', async () => {
    generate = () => ({ json: {} });
    expect((await expectPlatformError(platform().execute(query, context))).kind).toBe('malformed_response');
    generate = () => ({ json: { candidates: 'x' } });
    expect((await expectPlatformError(platform().execute(query, context))).kind).toBe('malformed_response');
  });

  it('cancels when the signal aborts while the server holds the request', async () => {
    generate = () => 'hang';
    const error = await expectPlatformError(
      server.abortWhenReceived((signal) => platform().execute(query, context, { signal })),
    );
    expect(error.kind).toBe('cancelled');
  });

  it('times out after timeoutMs', async () => {
    generate = () => 'hang';
    expect((await expectPlatformError(platform({ timeoutMs: 150 }).execute(query, context))).kind).toBe(
      'timeout',
    );
  });

  it('never puts the key in errors, raw or metadata', async () => {
    generate = (req) => ({
      status: 400,
      json: {
        error: {
          code: 400,
          message: `API key not valid: ${String(req.headers['x-goog-api-key'])}`,
          status: 'INVALID_ARGUMENT',
        },
      },
    });
    const error = await expectPlatformError(platform().execute(query, context));
    expect(`${error.message} ${JSON.stringify(error.toJSON())}`).not.toContain(KEY);
    generate = () => ({ json: responseBody(server.url) });
    expect(JSON.stringify(await platform().execute(query, context))).not.toContain(KEY);
  });
});

describe('gemini config', () => {
  it('creates without a key and names GEMINI_API_KEY', async () => {
    const p = plugin.create({}, {});
    expect(p.model).toBe('gemini-2.5-flash');
    await expectMissingKeyRefused(p, 'GEMINI_API_KEY');
  });

  it('accepts GOOGLE_API_KEY and the other environment variables', async () => {
    const p = plugin.create(
      {},
      {
        GOOGLE_API_KEY: KEY,
        GEMINI_BASE_URL: server.url,
        GEMINI_MODEL: 'gemini-2.5-flash-lite',
        GEMINI_RESOLVE_REDIRECTS: '0',
      },
    );
    expect(p.validateConfig().ok).toBe(true);
    expect(p.accountKey).toMatch(/^gemini:[0-9a-f]{12}$/);
    await p.execute(query, context);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1beta/models/gemini-2.5-flash-lite:generateContent',
    ]);
  });

  it('names a bad setting', () => {
    expect(() => plugin.create({ redirectTimeoutMs: 0 }, {})).toThrow(/gemini\.redirectTimeoutMs/);
  });
});
