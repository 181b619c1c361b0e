import type { Citation, SourcePage, TokenUsage } from '@citebots/sdk';
import { buildSources, dedupeCitations, type RawUrlCitation } from './citation-list.js';
import type { ResponsesBody, ResponsesUsage } from './responses-schema.js';

export interface ParsedResponsesAnswer {
  answer: string;
  citations: Citation[];
  sources: SourcePage[];
  searchQueries: string[];
  /** Billed web search calls: `web_search_call`s whose action is a search (or has no action, as in older bodies). */
  searchCalls: number;
  webSearchCalls: { id: string | null; status: string | null; actionType: string | null }[];
  usage: TokenUsage | null;
}

export function responsesTokenUsage(usage: ResponsesUsage | null | undefined): TokenUsage | null {
  if (!usage) return null;
  const input = usage.input_tokens ?? 0;
  const output = usage.output_tokens ?? 0;
  return {
    inputTokens: input,
    outputTokens: output,
    totalTokens: usage.total_tokens ?? input + output,
    cachedInputTokens: usage.input_tokens_details?.cached_tokens ?? null,
    reasoningTokens: usage.output_tokens_details?.reasoning_tokens ?? null,
  };
}

/**
 * Reads a Responses API body: the answer is every `output_text` part of the message items joined
 * (annotation offsets shifted accordingly), citations come from `url_citation` annotations, search queries
 * and sources from the `web_search_call` actions.
 */
export function parseResponsesBody(body: ResponsesBody): ParsedResponsesAnswer {
  let answer = '';
  const raw: RawUrlCitation[] = [];
  const searchQueries: string[] = [];
  const sourceUrls: string[] = [];
  const webSearchCalls: ParsedResponsesAnswer['webSearchCalls'] = [];
  let searchCalls = 0;
  let messages = 0;
  for (const item of body.output) {
    if (item.type === 'message') {
      if (messages++ > 0 && answer !== '') answer += '\n\n';
      for (const part of item.content ?? []) {
        if (part.type !== 'output_text' || typeof part.text !== 'string') continue;
        const base = answer.length;
        answer += part.text;
        for (const annotation of part.annotations ?? []) {
          if (annotation.type !== 'url_citation' || typeof annotation.url !== 'string') continue;
          const a = annotation as {
            url: string;
            title?: string | null;
            start_index?: number | null;
            end_index?: number | null;
          };
          raw.push({
            url: a.url,
            title: a.title ?? null,
            start: typeof a.start_index === 'number' ? base + a.start_index : null,
            end: typeof a.end_index === 'number' ? base + a.end_index : null,
          });
        }
      }
    } else if (item.type === 'web_search_call') {
      const action = item.action;
      const actionType = action?.type ?? null;
      webSearchCalls.push({ id: item.id ?? null, status: item.status ?? null, actionType });
      if (!action || actionType === 'search' || (!actionType && (action.query || action.queries))) {
        searchCalls++;
        const queries = action?.queries?.length ? action.queries : action?.query ? [action.query] : [];
        for (const q of queries) if (q && !searchQueries.includes(q)) searchQueries.push(q);
      }
      for (const source of action?.sources ?? []) if (source.url) sourceUrls.push(source.url);
    }
  }
  const citations = dedupeCitations(raw);
  return {
    answer,
    citations,
    sources: buildSources(sourceUrls, citations),
    searchQueries,
    searchCalls,
    webSearchCalls,
    usage: responsesTokenUsage(body.usage),
  };
}
