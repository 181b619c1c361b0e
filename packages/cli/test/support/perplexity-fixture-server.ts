import { type FakeHttpServer, readJsonBody, sendJson, startFakeHttpServer } from '@citebots/sdk/testing';

/**
 * A local Perplexity Sonar endpoint (POST /chat/completions) answering in Sonar's real response
 * format with answers written for these tests:
 * - questions with "best" get a ranked list: Stensul first, Knak second, citing knak.com, g2.com, beefree.io;
 * - questions with "rejected" get a 400 invalid_request error (the item fails without retry);
 * - every other question gets prose naming only Dyspatch, citing dyspatch.io and litmus.com.
 */
export interface PerplexityFixtureServer extends FakeHttpServer {
  /** Authorization headers received, one per request. */
  authorizations: string[];
  questions: string[];
}

const LIST_ANSWER = [
  'For enterprise marketing teams, three email creation platforms come up most often:',
  '',
  '1. **Stensul**: strong governance and approval workflows for large teams [2].',
  '2. **Knak**: no-code email and landing page builder with native Marketo sync [1].',
  '3. **Beefree**: a drag-and-drop editor with a large template library [3].',
].join('\n');

const PROSE_ANSWER =
  'Dyspatch is often chosen for modular, responsive templates [1], and testing tools are commonly used alongside it [2].';

function completion(question: string) {
  const list = /best/i.test(question);
  const citations = list
    ? [
        'https://knak.com/platform?utm_source=perplexity',
        'https://www.g2.com/categories/email-builder',
        'https://beefree.io/',
      ]
    : ['https://dyspatch.io/', 'https://www.litmus.com/blog/email-testing'];
  return {
    id: `fixture-${Math.random().toString(36).slice(2)}`,
    model: 'sonar',
    created: 1_790_000_000,
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        finish_reason: 'stop',
        message: { role: 'assistant', content: list ? LIST_ANSWER : PROSE_ANSWER },
      },
    ],
    citations,
    search_results: citations.map((url) => ({
      title: `Page at ${new URL(url).hostname}`,
      url,
      date: null,
      snippet: null,
    })),
    usage: {
      prompt_tokens: 14,
      completion_tokens: 70,
      total_tokens: 84,
      search_context_size: 'low',
      cost: {
        input_tokens_cost: 0.000014,
        output_tokens_cost: 0.00007,
        request_cost: 0.005,
        total_cost: 0.005084,
      },
    },
  };
}

export async function startPerplexityFixtureServer(): Promise<PerplexityFixtureServer> {
  const authorizations: string[] = [];
  const questions: string[] = [];
  const server = await startFakeHttpServer(async (req, res) => {
    const body = (await readJsonBody(req)) as { messages?: { role: string; content: string }[] } | null;
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions') || !body?.messages) {
      sendJson(res, 404, { error: { message: 'not found', type: 'not_found', code: 404 } });
      return;
    }
    authorizations.push(String(req.headers.authorization ?? ''));
    const question = body.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
    questions.push(question);
    if (/rejected/i.test(question)) {
      sendJson(res, 400, {
        error: { message: 'This request was rejected.', type: 'invalid_request', code: 400 },
      });
      return;
    }
    sendJson(res, 200, completion(question));
  });
  return Object.assign(server, { authorizations, questions });
}
