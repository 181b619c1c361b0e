import type { RenderContext } from './render-context.js';

/** USD per million tokens and per 1,000 requests by search context size (docs.perplexity.ai, 2026). */
const PRICES: Record<string, { input: number; output: number; request: [number, number, number] }> = {
  sonar: { input: 1, output: 1, request: [5, 8, 12] },
  'sonar-pro': { input: 3, output: 15, request: [6, 10, 14] },
  'sonar-reasoning-pro': { input: 2, output: 8, request: [6, 10, 14] },
  'sonar-deep-research': { input: 2, output: 8, request: [6, 10, 14] },
};

function round(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}

function contextSize(body: Record<string, unknown>): 'low' | 'medium' | 'high' {
  const options = body.web_search_options as { search_context_size?: unknown } | undefined;
  const size = options?.search_context_size;
  return size === 'medium' || size === 'high' ? size : 'low';
}

/** A Perplexity Sonar chat completion: `[n]` markers index `citations`, `usage.cost` has the charge. */
export function renderPerplexity(ctx: RenderContext): unknown {
  const { answer } = ctx;
  let content = '';
  for (const segment of answer.segments) {
    content += segment.text + segment.cites.map((i) => `[${i + 1}]`).join('') + segment.after;
  }
  const price = PRICES[ctx.model] ?? PRICES.sonar!;
  const size = contextSize(ctx.body);
  const requestPer1k = price.request[size === 'low' ? 0 : size === 'medium' ? 1 : 2];
  const inputCost = round((answer.inputTokens * price.input) / 1e6);
  const outputCost = round((answer.outputTokens * price.output) / 1e6);
  const requestCost = round(requestPer1k / 1000);
  const message = { role: 'assistant', content, reasoning_steps: null, tool_call_id: null, tool_calls: null };
  return {
    id: ctx.id,
    model: ctx.model,
    created: ctx.created,
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        message,
        delta: { role: 'assistant', content: '' },
        finish_reason: 'stop',
      },
    ],
    citations: answer.sources.map((s) => s.url),
    search_results: answer.sources.map((s) => ({
      title: s.title,
      url: s.url,
      date: s.date,
      last_updated: s.date,
      snippet: s.snippet,
      source: 'web',
    })),
    status: null,
    type: null,
    usage: {
      prompt_tokens: answer.inputTokens,
      completion_tokens: answer.outputTokens,
      total_tokens: answer.inputTokens + answer.outputTokens,
      search_context_size: size,
      citation_tokens: null,
      num_search_queries: answer.searchQueries.length,
      reasoning_tokens: null,
      cost: {
        input_tokens_cost: inputCost,
        output_tokens_cost: outputCost,
        request_cost: requestCost,
        total_cost: round(inputCost + outputCost + requestCost),
        citation_tokens_cost: null,
        reasoning_tokens_cost: null,
        search_queries_cost: null,
      },
    },
    citebots_simulated: true,
  };
}
