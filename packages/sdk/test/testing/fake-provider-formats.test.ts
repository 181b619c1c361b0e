import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeProviderServer,
  SIMULATED_LABEL,
  startFakeProviderServer,
} from '../../src/testing/index.js';

const BRANDS = ['Knak', 'Brevo', 'Mailchimp', 'Sœur Café'];
const KEY = 'sk-test-formats-0001';

let server: FakeProviderServer;

beforeAll(async () => {
  server = await startFakeProviderServer({
    brands: BRANDS,
    domains: ['g2.com', 'capterra.com', 'zapier.com'],
  });
});
afterAll(() => server.close());

// biome-ignore lint/suspicious/noExplicitAny: tests read untyped JSON
type Json = Record<string, any>;

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { response, text, json: () => JSON.parse(text) as Json };
}

const bearer = { authorization: `Bearer ${KEY}` };
const QUESTIONS = [
  'best email design tools for agencies',
  'Knak vs Brevo for enterprise email',
  'which email platform has the best templates',
  'top tools to build marketing emails without code',
  'email builder for a small team',
];

describe('Perplexity chat completions', () => {
  it('numbers its [n] markers into citations and reports the cost', async () => {
    const { response, json } = await post(
      '/chat/completions',
      { model: 'sonar-pro', messages: [{ role: 'user', content: QUESTIONS[0] }] },
      bearer,
    );
    expect(response.status).toBe(200);
    const body = json();
    expect(body.citebots_simulated).toBe(true);
    const content: string = body.choices[0].message.content;
    expect(content).toContain(SIMULATED_LABEL);
    const markers = [...content.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect(markers.length).toBeGreaterThan(0);
    for (const n of markers) expect(n).toBeGreaterThanOrEqual(1);
    for (const n of markers) expect(n).toBeLessThanOrEqual(body.citations.length);
    expect(body.search_results.map((r: Json) => r.url)).toEqual(body.citations);
    const cost = body.usage.cost;
    expect(cost.request_cost).toBe(0.006);
    expect(cost.total_cost).toBeCloseTo(
      cost.input_tokens_cost + cost.output_tokens_cost + cost.request_cost,
      8,
    );
    expect(body.citations[0]).toMatch(/^https:\/\/(g2\.com|capterra\.com|zapier\.com)\//);
  });

  it('answers the same question the same way and mentions the configured brands', async () => {
    const ask = async (q: string) =>
      (
        await post(
          '/v1/chat/completions',
          { model: 'sonar', messages: [{ role: 'user', content: q }] },
          bearer,
        )
      ).json().choices[0].message.content as string;
    expect(await ask(QUESTIONS[1]!)).toBe(await ask(QUESTIONS[1]!));
    const answers = await Promise.all(QUESTIONS.map(ask));
    const mentioned = new Set(BRANDS.filter((b) => answers.some((a) => a.includes(b))));
    expect(mentioned.size).toBeGreaterThanOrEqual(2);
    expect(answers.some((a) => /^1\. \*\*/m.test(a))).toBe(true);
  });
});

describe('OpenAI Responses', () => {
  it('has web_search_call items and url_citation spans that cover the inline links', async () => {
    for (const path of ['/v1/responses', '/responses']) {
      const { response, json } = await post(
        path,
        { model: 'gpt-5-mini', input: QUESTIONS[2], tools: [{ type: 'web_search' }] },
        bearer,
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('x-request-id')).toMatch(/^req_/);
      const body = json();
      const searches = body.output.filter((o: Json) => o.type === 'web_search_call');
      expect(searches.length).toBeGreaterThan(0);
      expect(searches[0].action.type).toBe('search');
      const message = body.output.find((o: Json) => o.type === 'message');
      const part = message.content[0];
      expect(part.type).toBe('output_text');
      expect(part.annotations.length).toBeGreaterThan(0);
      for (const a of part.annotations) {
        expect(a.type).toBe('url_citation');
        expect(a.url).toContain('utm_source=openai');
        const span = (part.text as string).slice(a.start_index, a.end_index);
        expect(span).toBe(`([${new URL(a.url).hostname}](${a.url}))`);
      }
      expect(body.usage.input_tokens).toBeGreaterThan(0);
      expect(body.usage.total_tokens).toBe(body.usage.input_tokens + body.usage.output_tokens);
    }
  });

  it('gives each response its own id and the current time, with the same answer', async () => {
    const ask = async () =>
      (await post('/v1/responses', { model: 'gpt-5-mini', input: QUESTIONS[0] }, bearer)).json();
    const [a, b] = [await ask(), await ask()];
    expect(a.id).not.toBe(b.id);
    expect(Math.abs(a.created_at - Date.now() / 1000)).toBeLessThan(60);
    const text = (r: Json) => r.output.find((o: Json) => o.type === 'message').content[0].text;
    expect(text(a)).toBe(text(b));
  });

  it('reads the question from an input message list', async () => {
    const { json } = await post(
      '/v1/responses',
      {
        model: 'gpt-5-mini',
        input: [{ role: 'user', content: [{ type: 'input_text', text: 'Ünïcode question' }] }],
      },
      bearer,
    );
    const message = json().output.find((o: Json) => o.type === 'message');
    expect(message.content[0].text).toContain('"Ünïcode question"');
  });
});

describe('OpenAI Chat Completions with a search model', () => {
  it('nests url_citation objects whose offsets point at the links', async () => {
    const { json } = await post(
      '/v1/chat/completions',
      { model: 'gpt-5-search-api', messages: [{ role: 'user', content: 'Quelle plateforme à Zürich ?' }] },
      bearer,
    );
    const message = json().choices[0].message;
    expect(message.annotations.length).toBeGreaterThan(0);
    for (const a of message.annotations) {
      expect(a.type).toBe('url_citation');
      const c = a.url_citation;
      expect((message.content as string).slice(c.start_index, c.end_index)).toBe(
        `([${new URL(c.url).hostname}](${c.url}))`,
      );
    }
  });
});

describe('Anthropic Messages with web search', () => {
  it('has search blocks, cited text blocks and a web search count', async () => {
    const { response, json } = await post(
      '/v1/messages',
      { model: 'claude-sonnet-4-6', max_tokens: 1024, messages: [{ role: 'user', content: QUESTIONS[3] }] },
      { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    const body = json();
    const toolUses = body.content.filter((b: Json) => b.type === 'server_tool_use');
    expect(body.usage.server_tool_use.web_search_requests).toBe(toolUses.length);
    const results = body.content.filter((b: Json) => b.type === 'web_search_tool_result');
    expect(results).toHaveLength(toolUses.length);
    const found = new Set(results.flatMap((r: Json) => r.content.map((c: Json) => c.url)));
    const cited = body.content.filter((b: Json) => b.type === 'text' && b.citations);
    expect(cited.length).toBeGreaterThan(0);
    for (const block of cited) {
      for (const c of block.citations) {
        expect(c.type).toBe('web_search_result_location');
        expect(found.has(c.url)).toBe(true);
        expect(c.cited_text.length).toBeLessThanOrEqual(150);
      }
    }
    const text = body.content
      .filter((b: Json) => b.type === 'text')
      .map((b: Json) => b.text)
      .join('');
    expect(text).toContain(`"${QUESTIONS[3]}"`);
  });
});

describe('Gemini generateContent with Google Search grounding', () => {
  it('gives UTF-8 byte offsets into the joined parts, also with non-ASCII text', async () => {
    const question = 'Quelle est la meilleure plateforme d’e-mail à Zürich ? 日本語も';
    const { response, json } = await post(
      '/v1beta/models/gemini-2.5-flash:generateContent',
      { contents: [{ role: 'user', parts: [{ text: question }] }], tools: [{ google_search: {} }] },
      { 'x-goog-api-key': 'AIzaFakeKeyForTests000000000' },
    );
    expect(response.status).toBe(200);
    const body = json();
    expect(body.modelVersion).toBe('gemini-2.5-flash');
    const candidate = body.candidates[0];
    const joined = candidate.content.parts.map((p: Json) => p.text).join('');
    const bytes = Buffer.from(joined, 'utf8');
    expect(bytes.length).toBeGreaterThan(joined.length); // non-ASCII made bytes and characters differ
    const meta = candidate.groundingMetadata;
    expect(meta.webSearchQueries.length).toBeGreaterThan(0);
    expect(meta.groundingSupports.length).toBeGreaterThan(0);
    let sawOffsetBeyondAscii = false;
    for (const support of meta.groundingSupports) {
      const { startIndex = 0, endIndex, text } = support.segment;
      expect(bytes.subarray(startIndex, endIndex).toString('utf8')).toBe(text);
      if (joined.indexOf(text) !== startIndex) sawOffsetBeyondAscii = true;
      for (const i of support.groundingChunkIndices) expect(meta.groundingChunks[i]).toBeDefined();
    }
    expect(sawOffsetBeyondAscii).toBe(true);
  });

  it('points grounding chunks at its own redirect path, which answers 302 with a Location', async () => {
    const { json } = await post(
      `/v1beta/models/gemini-3.5-flash:generateContent?key=AIzaFakeKeyForTests000000000`,
      { contents: [{ parts: [{ text: QUESTIONS[4] }] }] },
    );
    const chunk = json().candidates[0].groundingMetadata.groundingChunks[0].web;
    expect(chunk.uri.startsWith(`${server.url}/grounding-api-redirect/`)).toBe(true);
    for (const method of ['GET', 'HEAD']) {
      const redirect = await fetch(chunk.uri, { method, redirect: 'manual' });
      expect(redirect.status).toBe(302);
      const location = redirect.headers.get('location')!;
      expect(new URL(location).hostname).toBe(chunk.title);
    }
    const unknown = await fetch(`${server.url}/grounding-api-redirect/nonsense`, { redirect: 'manual' });
    expect(unknown.status).toBe(404);
  });
});

describe('labels, keys and routes', () => {
  it('leaves the label sentence out when label is false, but keeps the marker', async () => {
    const quiet = await startFakeProviderServer({ label: false, brands: BRANDS });
    try {
      const response = await fetch(`${quiet.url}/chat/completions`, {
        method: 'POST',
        headers: { ...bearer, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'sonar', messages: [{ role: 'user', content: 'q' }] }),
      });
      const body = (await response.json()) as Json;
      expect(body.choices[0].message.content).not.toContain(SIMULATED_LABEL);
      expect(body.citebots_simulated).toBe(true);
      expect(response.headers.get('x-citebots-simulated')).toBe('true');
    } finally {
      await quiet.close();
    }
  });

  it('answers a missing key with each provider’s authentication error', async () => {
    const perplexity = await post('/chat/completions', { model: 'sonar', messages: [] });
    expect(perplexity.response.status).toBe(401);
    expect(perplexity.response.headers.get('content-type')).toContain('text/html');
    const openai = await post('/v1/responses', { model: 'gpt-5', input: 'q' });
    expect(openai.response.status).toBe(401);
    expect(openai.json().error.code).toBe('invalid_api_key');
    const anthropic = await post('/v1/messages', { model: 'claude-haiku-4-5', messages: [] });
    expect(anthropic.response.status).toBe(401);
    expect(anthropic.json().error.type).toBe('authentication_error');
    const gemini = await post('/v1beta/models/gemini-2.5-flash:generateContent', { contents: [] });
    expect(gemini.response.status).toBe(400);
    expect(gemini.json().error.details[0].reason).toBe('API_KEY_INVALID');
  });

  it('accepts only validKeys when given, and echoes the key only when asked to', async () => {
    const strict = await startFakeProviderServer({
      validKeys: ['sk-good-key-123456'],
      echoKeyInErrors: true,
    });
    try {
      const send = (key: string) =>
        fetch(`${strict.url}/v1/responses`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'gpt-5', input: 'q' }),
        });
      expect((await send('sk-good-key-123456')).status).toBe(200);
      const bad = await send('sk-bad-key-654321');
      expect(bad.status).toBe(401);
      expect(await bad.text()).toContain('sk-bad-key-654321');
    } finally {
      await strict.close();
    }
    const plain = await post('/v1/responses', { model: 'gpt-5', input: 'q' }, { authorization: 'Bearer' });
    expect(plain.text).not.toContain('Bearer');
  });

  it('answers unknown paths with 404 and bad JSON with the provider’s 400', async () => {
    expect((await post('/v2/unknown', {}, bearer)).response.status).toBe(404);
    const response = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Json).error.type).toBe('invalid_request_error');
  });
});
