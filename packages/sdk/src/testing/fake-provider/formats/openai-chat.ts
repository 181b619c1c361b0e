import { withMarkdownLinks } from './markdown-links.js';
import type { RenderContext } from './render-context.js';

/** An OpenAI Chat Completions body from a search model: nested `url_citation` annotations. */
export function renderOpenAIChat(ctx: RenderContext): unknown {
  const { answer } = ctx;
  const { text, citations } = withMarkdownLinks(answer);
  return {
    id: `chatcmpl-${ctx.id}`,
    object: 'chat.completion',
    created: ctx.created,
    model: ctx.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text,
          refusal: null,
          annotations: citations.map((c) => ({
            type: 'url_citation',
            url_citation: { start_index: c.startIndex, end_index: c.endIndex, title: c.title, url: c.url },
          })),
        },
        finish_reason: 'stop',
      },
    ],
    usage: {
      prompt_tokens: answer.inputTokens,
      completion_tokens: answer.outputTokens,
      total_tokens: answer.inputTokens + answer.outputTokens,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
    },
    system_fingerprint: '',
    citebots_simulated: true,
  };
}
