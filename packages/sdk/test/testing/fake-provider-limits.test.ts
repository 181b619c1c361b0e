import { afterEach, describe, expect, it } from 'vitest';
import { type FakeProviderServer, type FaultKind, startFakeProviderServer } from '../../src/testing/index.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read untyped JSON
type Json = Record<string, any>;

const servers: FakeProviderServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(options: Parameters<typeof startFakeProviderServer>[0]) {
  const server = await startFakeProviderServer(options);
  servers.push(server);
  return server;
}

function ask(server: FakeProviderServer, key: string, question = 'best email tools', signal?: AbortSignal) {
  return fetch(`${server.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-5-search-api', messages: [{ role: 'user', content: question }] }),
    ...(signal ? { signal } : {}),
  });
}

const BODIES: Record<string, { path: string; body: unknown; headers: Record<string, string> }> = {
  openai: {
    path: '/v1/responses',
    body: { model: 'gpt-5', input: 'q' },
    headers: { authorization: 'Bearer k-openai-1' },
  },
  perplexity: {
    path: '/chat/completions',
    body: { model: 'sonar', messages: [{ role: 'user', content: 'q' }] },
    headers: { authorization: 'Bearer k-pplx-1' },
  },
  anthropic: {
    path: '/v1/messages',
    body: { model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'q' }] },
    headers: { 'x-api-key': 'k-anthropic-1' },
  },
  gemini: {
    path: '/v1beta/models/gemini-2.5-flash:generateContent',
    body: { contents: [{ parts: [{ text: 'q' }] }] },
    headers: { 'x-goog-api-key': 'k-gemini-1' },
  },
};

function call(server: FakeProviderServer, provider: keyof typeof BODIES) {
  const { path, body, headers } = BODIES[provider]!;
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('rate limits', () => {
  it('answers 429 with retry-after past the limit, per key', async () => {
    const server = await start({ rateLimits: { requestsPerMinute: 3, perKey: true } });
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 5; i++) {
      const response = await ask(server, 'sk-key-a-000001');
      statuses.push(response.status);
      if (response.status === 429) limited = response;
      await response.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited!.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(limited!.headers.get('x-ratelimit-limit-requests')).toBe('3');
    expect((await ask(server, 'sk-key-b-000002')).status).toBe(200);

    const stats = server.stats();
    expect(stats.rateLimited).toBe(2);
    expect(stats.byKey['sk-key-a-000001']).toMatchObject({ requests: 5, rateLimited: 2, maxPerWindow: 5 });
    expect(stats.byKey['sk-key-b-000002']).toMatchObject({ requests: 1, rateLimited: 0, maxPerWindow: 1 });
    expect(stats.byStatus).toEqual({ 200: 4, 429: 2 });
  });

  it('shares one limit between keys when perKey is false', async () => {
    const server = await start({ rateLimits: { requestsPerMinute: 2, perKey: false } });
    const statuses = [];
    for (const key of ['sk-one-000001', 'sk-two-000002', 'sk-three-00003']) {
      const response = await ask(server, key);
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(server.stats().maxPerWindow).toBe(3);
  });

  it('lets requests through again once the window has moved on', async () => {
    const server = await start({ rateLimits: { requestsPerMinute: 1, windowMs: 200 } });
    expect((await ask(server, 'sk-window-0001')).status).toBe(200);
    expect((await ask(server, 'sk-window-0001')).status).toBe(429);
    await new Promise((r) => setTimeout(r, 250));
    expect((await ask(server, 'sk-window-0001')).status).toBe(200);
    expect(server.stats().byKey['sk-window-0001']!.maxPerWindow).toBe(2);
  });

  it('speaks each provider’s own 429: headers and bodies', async () => {
    const server = await start({ rateLimits: { requestsPerMinute: 1 } });
    const second = async (provider: keyof typeof BODIES) => {
      await (await call(server, provider)).arrayBuffer();
      const response = await call(server, provider);
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      return { response, body: (await response.json()) as Json };
    };
    const openai = await second('openai');
    expect(openai.body.error.code).toBe('rate_limit_exceeded');
    expect(openai.response.headers.get('x-ratelimit-reset-requests')).toMatch(/^\d+ms$/);
    const anthropic = await second('anthropic');
    expect(anthropic.body).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(anthropic.response.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0');
    expect(Date.parse(anthropic.response.headers.get('anthropic-ratelimit-requests-reset')!)).toBeGreaterThan(
      0,
    );
    const gemini = await second('gemini');
    expect(gemini.body.error.status).toBe('RESOURCE_EXHAUSTED');
    const retryInfo = gemini.body.error.details.find((d: Json) => d['@type'].endsWith('RetryInfo'));
    expect(retryInfo.retryDelay).toMatch(/^\d+(\.\d+)?s$/);
    const perplexity = await second('perplexity');
    expect(perplexity.body.error.code).toBe(429);
  });

  it('sends rate-limit headers with normal answers', async () => {
    const server = await start({ rateLimits: { requestsPerMinute: 10 } });
    const openai = await call(server, 'openai');
    expect(openai.headers.get('x-ratelimit-remaining-requests')).toBe('9');
    const anthropic = await call(server, 'anthropic');
    expect(anthropic.headers.get('anthropic-ratelimit-requests-limit')).toBe('10');
  });
});

describe('faults', () => {
  const byQuestion = (context: { question: string }): FaultKind | null =>
    context.question.startsWith('fault:') ? (context.question.slice(6) as FaultKind) : null;

  it('injects each kind of fault in the provider’s format', async () => {
    const server = await start({ faults: byQuestion, timeoutFaultMs: 60_000 });
    const key = 'sk-faults-000001';
    const r500 = await ask(server, key, 'fault:500');
    expect(r500.status).toBe(500);
    expect(((await r500.json()) as Json).error.type).toBe('server_error');
    expect((await ask(server, key, 'fault:529')).status).toBe(503);
    const quota = await ask(server, key, 'fault:quota');
    expect(quota.status).toBe(429);
    expect(quota.headers.get('retry-after')).toBeNull();
    expect(((await quota.json()) as Json).error.type).toBe('insufficient_quota');
    const limited = await ask(server, key, 'fault:429');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    const malformed = await ask(server, key, 'fault:malformed');
    expect(malformed.status).toBe(200);
    const text = await malformed.text();
    expect(() => JSON.parse(text)).toThrow();
    await expect(ask(server, key, 'fault:reset')).rejects.toThrow();

    const controller = new AbortController();
    const held = ask(server, key, 'fault:timeout', controller.signal);
    await new Promise((r) => setTimeout(r, 100));
    expect(server.stats().inFlight).toBe(1);
    controller.abort();
    await expect(held).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 50));
    expect(server.stats().inFlight).toBe(0);
    expect(server.stats().faults).toEqual({
      500: 1,
      529: 1,
      quota: 1,
      429: 1,
      malformed: 1,
      reset: 1,
      timeout: 1,
    });
  });

  it('sends Anthropic’s 529 and spend-cap quota error', async () => {
    const server = await start({ faults: () => '529' });
    const response = await call(server, 'anthropic');
    expect(response.status).toBe(529);
    expect(((await response.json()) as Json).error.type).toBe('overloaded_error');
    const quotaServer = await start({ faults: () => 'quota' });
    const quota = (await (await call(quotaServer, 'anthropic')).json()) as Json;
    expect(quota.error.details.error_code).toBe('enforced_spend_limit_reached');
    const geminiQuota = (await (await call(quotaServer, 'gemini')).json()) as Json;
    expect(JSON.stringify(geminiQuota.error.details)).not.toContain('RetryInfo');
  });

  it('injects a seeded share of faults, the same sequence for the same seed', async () => {
    const run = async () => {
      const server = await start({ faults: { rate: 0.3, kinds: ['500', '429'], seed: 42 } });
      const statuses: number[] = [];
      for (let i = 0; i < 60; i++) {
        const response = await ask(server, 'sk-seeded-00001', `q${i}`);
        statuses.push(response.status);
        await response.arrayBuffer();
      }
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    const faults = first.filter((s) => s !== 200).length;
    expect(faults).toBeGreaterThan(5);
    expect(faults).toBeLessThan(35);
    expect(new Set(first)).toEqual(new Set([200, 500, 429]));
  });

  it('always poisons the requests the predicate picks', async () => {
    const server = await start({ poison: (c) => c.question === 'poison me' });
    for (let i = 0; i < 3; i++) {
      const text = await (await ask(server, 'sk-poison-00001', 'poison me')).text();
      expect(() => JSON.parse(text)).toThrow();
    }
    expect((await ask(server, 'sk-poison-00001', 'fine')).status).toBe(200);
    expect(server.stats().faults.poison).toBe(3);
  });
});

describe('latency and stats', () => {
  it('holds requests for the latency and counts requests in flight', async () => {
    const server = await start({ latency: { fixedMs: 150 }, recordRequests: 5 });
    const started = Date.now();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => ask(server, `sk-conc-${i % 2}00001`)),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    await Promise.all(responses.map((r) => r.arrayBuffer()));
    const stats = server.stats();
    expect(stats.maxInFlight).toBe(20);
    expect(stats.byKey['sk-conc-000001']!.maxInFlight).toBe(10);
    expect(stats.byPath).toEqual({ '/v1/chat/completions': 20 });
    expect(stats.byProvider).toEqual({ 'openai-chat': 20 });
    expect(stats.answered).toBe(20);
    expect(stats.requests).toHaveLength(5);
    expect(stats.requests[0]!.body).toMatchObject({ model: 'gpt-5-search-api' });

    server.reset();
    expect(server.stats()).toMatchObject({ total: 0, maxInFlight: 0, byKey: {}, requests: [] });
  });

  it('uses a latency function per request', async () => {
    const server = await start({ latency: (c) => (c.question === 'slow' ? 200 : 0) });
    const started = Date.now();
    await (await ask(server, 'sk-lat-0000001', 'fast')).arrayBuffer();
    const fast = Date.now() - started;
    await (await ask(server, 'sk-lat-0000001', 'slow')).arrayBuffer();
    expect(Date.now() - started - fast).toBeGreaterThanOrEqual(190);
  });

  it('serves hundreds of concurrent requests held at once', async () => {
    const server = await start({ latency: { fixedMs: 300 }, brands: ['Knak'] });
    const responses = await Promise.all(
      Array.from({ length: 500 }, (_, i) => ask(server, `sk-many-${i % 4}0000`, `q${i}`)),
    );
    const bodies = await Promise.all(responses.map((r) => r.json() as Promise<Json>));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(bodies.every((b) => b.citebots_simulated === true)).toBe(true);
    expect(server.stats()).toMatchObject({ answered: 500, inFlight: 0 });
    expect(server.stats().maxInFlight).toBeGreaterThan(100);
  });

  it('drops held requests when closed', async () => {
    const server = await startFakeProviderServer({ faults: () => 'timeout' });
    const held = ask(server, 'sk-close-000001');
    await new Promise((r) => setTimeout(r, 50));
    await server.close();
    await expect(held).rejects.toThrow();
  });
});
