import type { Citation, SourcePage, TokenUsage } from '@citebots/sdk';
import type { ChatSearchBody } from './chat-search-schema.js';
import { buildSources, dedupeCitations, type RawUrlCitation } from './citation-list.js';

export interface ParsedChatSearchAnswer {
  answer: string;
  citations: Citation[];
  sources: SourcePage[];
  usage: TokenUsage | null;
}

/** Reads a Chat Completions search-model body (nested `url_citation` annotations). */
export function parseChatSearchBody(body: ChatSearchBody): ParsedChatSearchAnswer {
  const message = body.choices[0]?.message;
  const answer = message?.content ?? '';
  const raw: RawUrlCitation[] = [];
  for (const annotation of message?.annotations ?? []) {
    const c = annotation.url_citation;
    if (annotation.type !== 'url_citation' || !c) continue;
    raw.push({ url: c.url, title: c.title ?? null, start: c.start_index ?? null, end: c.end_index ?? null });
  }
  const citations = dedupeCitations(raw);
  const u = body.usage;
  const usage: TokenUsage | null = u
    ? {
        inputTokens: u.prompt_tokens ?? 0,
        outputTokens: u.completion_tokens ?? 0,
        totalTokens: u.total_tokens ?? (u.prompt_tokens ?? 0) + (u.completion_tokens ?? 0),
        cachedInputTokens: u.prompt_tokens_details?.cached_tokens ?? null,
        reasoningTokens: u.completion_tokens_details?.reasoning_tokens ?? null,
      }
    : null;
  return { answer, citations, sources: buildSources([], citations), usage };
}
