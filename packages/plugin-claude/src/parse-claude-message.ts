import { type Citation, type SourcePage, type TokenUsage, urlCompareKey } from '@citebots/sdk';
import type { ClaudeContentBlock, ClaudeMessage, ClaudeUsage } from './claude-response.js';

export interface ClaudeSearchError {
  toolUseId: string | null;
  errorCode: string | null;
}

export interface ParsedClaudeAnswer {
  answer: string;
  citations: Citation[];
  sources: SourcePage[];
  searchQueries: string[];
  searchErrors: ClaudeSearchError[];
  usage: TokenUsage | null;
}

export function claudeTokenUsage(usage: ClaudeUsage | null | undefined): TokenUsage | null {
  if (!usage) return null;
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const input = (usage.input_tokens ?? 0) + cacheRead + (usage.cache_creation_input_tokens ?? 0);
  const output = usage.output_tokens ?? 0;
  return {
    inputTokens: input,
    outputTokens: output,
    totalTokens: input + output,
    cachedInputTokens: cacheRead || null,
    searchRequests: usage.server_tool_use?.web_search_requests ?? null,
  };
}

function isSearchResultList(content: unknown): content is { url: string; title?: string | null }[] {
  return Array.isArray(content);
}

/**
 * The answer is every text block joined. Each `web_search_result_location` citation spans the text block that
 * carries it; citations are deduplicated by URL in order of first appearance. Sources are every search result.
 */
export function parseClaudeContent(
  content: ClaudeContentBlock[],
  usage: ClaudeUsage | null | undefined,
): ParsedClaudeAnswer {
  let answer = '';
  const citations = new Map<string, Citation>();
  const sources = new Map<string, SourcePage>();
  const searchQueries: string[] = [];
  const searchErrors: ClaudeSearchError[] = [];
  for (const block of content) {
    if (block.type === 'text' && typeof block.text === 'string') {
      const start = answer.length;
      answer += block.text;
      for (const c of block.citations ?? []) {
        if (c.type !== 'web_search_result_location' || !c.url) continue;
        const key = urlCompareKey(c.url);
        if (citations.has(key)) continue;
        citations.set(key, {
          url: c.url,
          title: c.title || null,
          snippet: c.cited_text || null,
          position: citations.size + 1,
          startIndex: start,
          endIndex: answer.length,
        });
      }
    } else if (block.type === 'server_tool_use' && block.name === 'web_search') {
      const q = (block.input as { query?: unknown } | null | undefined)?.query;
      if (typeof q === 'string' && q && !searchQueries.includes(q)) searchQueries.push(q);
    } else if (block.type === 'web_search_tool_result') {
      if (isSearchResultList(block.content)) {
        for (const r of block.content) {
          const key = urlCompareKey(r.url);
          if (!sources.has(key)) sources.set(key, { url: r.url, title: r.title || null });
        }
      } else if (block.content && typeof block.content === 'object') {
        const e = block.content as { error_code?: unknown };
        searchErrors.push({
          toolUseId: block.tool_use_id ?? null,
          errorCode: typeof e.error_code === 'string' ? e.error_code : null,
        });
      }
    }
  }
  return {
    answer,
    citations: [...citations.values()],
    sources: sources.size
      ? [...sources.values()]
      : [...citations.values()].map((c) => ({ url: c.url, title: c.title })),
    searchQueries,
    searchErrors,
    usage: claudeTokenUsage(usage),
  };
}

/** Joins the turns of a paused answer into one message: content appended, usage summed, last stop reason kept. */
export function mergeClaudeTurns(turns: ClaudeMessage[]): ClaudeMessage {
  const last = turns[turns.length - 1]!;
  if (turns.length === 1) return last;
  const sum = (pick: (u: ClaudeUsage) => number | null | undefined) =>
    turns.reduce((total, t) => total + ((t.usage && pick(t.usage)) ?? 0), 0);
  return {
    ...last,
    content: turns.flatMap((t) => t.content),
    usage: {
      ...last.usage,
      input_tokens: sum((u) => u.input_tokens),
      output_tokens: sum((u) => u.output_tokens),
      cache_creation_input_tokens: sum((u) => u.cache_creation_input_tokens),
      cache_read_input_tokens: sum((u) => u.cache_read_input_tokens),
      server_tool_use: {
        web_search_requests: sum((u) => u.server_tool_use?.web_search_requests),
        web_fetch_requests: sum((u) => u.server_tool_use?.web_fetch_requests),
      },
    },
  };
}
