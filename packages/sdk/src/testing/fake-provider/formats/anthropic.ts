import type { RenderContext } from './render-context.js';

type Block = Record<string, unknown>;

function opaque(text: string): string {
  return Buffer.from(`fake:${text}`).toString('base64');
}

/**
 * An Anthropic Messages body with server web search: `server_tool_use` and `web_search_tool_result`
 * blocks, then text blocks, the cited ones carrying `web_search_result_location` citations.
 */
export function renderAnthropic(ctx: RenderContext): unknown {
  const { answer } = ctx;
  const content: Block[] = [];
  answer.searchQueries.forEach((query, i) => {
    const toolId = `srvtoolu_${ctx.id}_${i}`;
    content.push({ type: 'server_tool_use', id: toolId, name: 'web_search', input: { query } });
    content.push({
      type: 'web_search_tool_result',
      tool_use_id: toolId,
      // The second search finds nothing new, as real runs sometimes do.
      content:
        i === 0
          ? answer.sources.map((s, j) => ({
              type: 'web_search_result',
              title: s.title,
              url: s.url,
              encrypted_content: opaque(s.url),
              page_age: j % 2 === 0 ? s.date : null,
            }))
          : [],
    });
  });
  let pending = '';
  for (const segment of answer.segments) {
    if (segment.cites.length === 0) {
      pending += segment.text + segment.after;
      continue;
    }
    if (pending) content.push({ type: 'text', text: pending });
    content.push({
      type: 'text',
      text: segment.text,
      citations: segment.cites.map((i) => {
        const s = answer.sources[i]!;
        return {
          type: 'web_search_result_location',
          cited_text: s.snippet.slice(0, 150),
          url: s.url,
          title: s.title,
          encrypted_index: opaque(`${s.url}#${i}`),
        };
      }),
    });
    pending = segment.after;
  }
  if (pending) content.push({ type: 'text', text: pending });
  const searches = answer.searchQueries.length;
  return {
    id: `msg_${ctx.id}`,
    type: 'message',
    role: 'assistant',
    model: ctx.model,
    content,
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: {
      input_tokens: answer.inputTokens + 1500 * searches,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: answer.outputTokens,
      service_tier: 'standard',
      server_tool_use: { web_search_requests: searches, web_fetch_requests: 0 },
    },
    citebots_simulated: true,
  };
}
