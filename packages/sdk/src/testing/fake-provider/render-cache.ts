import { type AnswerSettings, simulateAnswer } from './simulated-answer.js';
import { renderSuccess } from './success-reply.js';
import type { FakeProviderKind } from './types.js';

const ID_TOKEN = 'CITEBOTSRESPONSEID';
const CREATED_TOKEN = 1_999_999_999;

/** Request options that change the rendered body, so they are part of the cache key. */
function variantOf(provider: FakeProviderKind, body: Record<string, unknown>): string {
  if (provider !== 'perplexity') return '';
  const options = body.web_search_options as { search_context_size?: unknown } | undefined;
  return String(options?.search_context_size ?? '');
}

/**
 * Rendered success bodies by provider, model and question, with placeholders for the response id and
 * timestamp: a repeated question costs two string replacements instead of building and serialising a body.
 */
export class RenderCache {
  private entries = new Map<string, string>();

  constructor(
    private readonly settings: AnswerSettings,
    private readonly limit = 5000,
  ) {}

  render(
    provider: FakeProviderKind,
    request: { model: string; question: string; body: Record<string, unknown> },
    serverUrl: string,
    id: string,
    created: number,
  ): string {
    const key = `${provider}\u0000${request.model}\u0000${variantOf(provider, request.body)}\u0000${request.question}`;
    let template = this.entries.get(key);
    if (template === undefined) {
      if (this.entries.size >= this.limit) this.entries.clear();
      template = renderSuccess(provider, {
        model: request.model,
        question: request.question,
        answer: simulateAnswer(request.question, provider, this.settings),
        serverUrl,
        id: ID_TOKEN,
        created: CREATED_TOKEN,
        body: request.body,
      });
      this.entries.set(key, template);
    }
    return template.split(ID_TOKEN).join(id).split(String(CREATED_TOKEN)).join(String(created));
  }
}
