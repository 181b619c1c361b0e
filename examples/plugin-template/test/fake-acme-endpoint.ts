import {
  type ConformanceEndpoint,
  type ConformanceScenario,
  readJsonBody,
  sendJson,
  startFakeHttpServer,
} from '@citebots/sdk/testing';

/**
 * A local stand-in for the Acme Answers API, in its real wire format, that behaves as the conformance
 * suite's `scenario()` asks. Write one like it for your provider: every format detail your parser
 * relies on (offsets, nesting, error bodies, headers) should appear here.
 */
export async function startFakeAcmeEndpoint(
  scenario: () => ConformanceScenario,
): Promise<ConformanceEndpoint> {
  return startFakeHttpServer(async (request, response) => {
    const body = (await readJsonBody(request)) as { question?: string; model?: string } | null;
    const key = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (request.method !== 'POST' || request.url !== '/v1/answers') {
      return sendJson(response, 404, { error: { type: 'not_found', message: 'no such route' } });
    }
    if (!key) return sendJson(response, 401, { error: { type: 'invalid_key', message: 'no API key' } });
    switch (scenario()) {
      case 'rate-limit':
        return sendJson(
          response,
          429,
          { error: { type: 'rate_limited', message: 'Too many requests.' } },
          { 'retry-after': '1' },
        );
      case 'quota':
        return sendJson(response, 429, {
          error: { type: 'quota_exceeded', message: 'Your monthly quota is used up.' },
        });
      case 'server-error':
        return sendJson(response, 500, { error: { type: 'server_error', message: 'Something broke.' } });
      case 'malformed':
        return sendJson(response, 200, '{"id":"ans_1","answer":"cut sho');
      case 'hold':
        return; // never answer; the connection closes when the client aborts or the server closes
      case 'auth-echo':
        return sendJson(response, 401, {
          error: { type: 'invalid_key', message: `The API key ${key} is not valid.` },
        });
      default: {
        const question = body?.question ?? '';
        const intro = `Simulated Acme answer about "${question}".`;
        const first = ' Knak is a popular email builder.';
        const second = ' Brevo is a common alternative.';
        const answer = intro + first + second;
        return sendJson(response, 200, {
          id: 'ans_simulated_1',
          model: body?.model ?? 'acme-1',
          answer,
          sources: [
            { url: 'https://example.com/knak-review', title: 'Knak review', snippet: 'A review.' },
            { url: 'https://example.org/brevo-guide', title: 'Brevo guide', snippet: null },
          ],
          citations: [
            { source: 0, start: intro.length + 1, end: intro.length + first.length },
            { source: 1, start: answer.length - second.length + 1, end: answer.length },
          ],
          search_queries: [question.toLowerCase()],
          usage: { input_tokens: 12, output_tokens: 40, searches: 1 },
        });
      }
    }
  });
}
