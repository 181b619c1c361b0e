import { withMarkdownLinks } from './markdown-links.js';
import type { RenderContext } from './render-context.js';

/** An OpenAI Responses API body with `web_search_call` items and `url_citation` annotations. */
export function renderOpenAIResponses(ctx: RenderContext): unknown {
  const { answer } = ctx;
  const { text, citations } = withMarkdownLinks(answer);
  const searches = answer.searchQueries.map((query, i) => ({
    id: `ws_${ctx.id}_${i}`,
    type: 'web_search_call',
    status: 'completed',
    action: {
      type: 'search',
      query,
      queries: [query],
      sources: answer.sources.map((s) => ({ type: 'url', url: s.url })),
    },
  }));
  const cachedTokens = 0;
  return {
    id: `resp_${ctx.id}`,
    object: 'response',
    created_at: ctx.created,
    status: 'completed',
    error: null,
    incomplete_details: null,
    model: ctx.model,
    output: [
      ...searches,
      {
        id: `msg_${ctx.id}`,
        type: 'message',
        status: 'completed',
        role: 'assistant',
        content: [
          {
            type: 'output_text',
            text,
            logprobs: [],
            annotations: citations.map((c) => ({
              type: 'url_citation',
              start_index: c.startIndex,
              end_index: c.endIndex,
              title: c.title,
              url: c.url,
            })),
          },
        ],
      },
    ],
    tools: [{ type: 'web_search', search_context_size: 'medium' }],
    usage: {
      input_tokens: answer.inputTokens,
      input_tokens_details: { cached_tokens: cachedTokens },
      output_tokens: answer.outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: answer.inputTokens + answer.outputTokens,
    },
    metadata: { citebots_simulated: 'true' },
    citebots_simulated: true,
  };
}
