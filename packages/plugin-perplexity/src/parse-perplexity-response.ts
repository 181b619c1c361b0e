import type { Citation, SourcePage, TokenUsage } from '@citebots/sdk';
import { urlCompareKey } from '@citebots/sdk';
import type { PerplexityResponse, PerplexityUsage } from './perplexity-response.js';

export interface ParsedPerplexityAnswer {
  model: string | null;
  answer: string;
  citations: Citation[];
  sources: SourcePage[];
  usage: TokenUsage | null;
  relatedQuestions: string[];
}

/** Offsets of the first `[n]` marker for each n (1-based) in the answer. */
export function firstMarkerOffsets(answer: string): Map<number, { start: number; end: number }> {
  const offsets = new Map<number, { start: number; end: number }>();
  for (const match of answer.matchAll(/\[(\d{1,3})\]/g)) {
    const n = Number(match[1]);
    if (!offsets.has(n)) offsets.set(n, { start: match.index, end: match.index + match[0].length });
  }
  return offsets;
}

export function toTokenUsage(usage: PerplexityUsage | null | undefined): TokenUsage | null {
  if (!usage) return null;
  const input = usage.prompt_tokens ?? 0;
  const output = usage.completion_tokens ?? 0;
  return {
    inputTokens: input,
    outputTokens: output,
    totalTokens: usage.total_tokens ?? input + output,
    reasoningTokens: usage.reasoning_tokens ?? null,
    searchRequests: usage.num_search_queries ?? null,
  };
}

/**
 * Citations follow `citations[]` (the `[n]` markers are 1-based indexes into it), enriched with title, snippet
 * and date from `search_results`. Without `citations[]`, the search results are the citations.
 */
export function parsePerplexityAnswer(body: PerplexityResponse): ParsedPerplexityAnswer {
  const answer = body.choices[0]?.message?.content ?? '';
  const results = body.search_results ?? [];
  const byUrl = new Map(results.map((r) => [urlCompareKey(r.url), r] as const));
  const urls = body.citations?.length ? body.citations : results.map((r) => r.url);
  const markers = firstMarkerOffsets(answer);
  const citations: Citation[] = urls.map((url, i) => {
    const result = byUrl.get(urlCompareKey(url));
    const marker = markers.get(i + 1);
    return {
      url,
      title: result?.title || null,
      snippet: result?.snippet || null,
      position: i + 1,
      startIndex: marker?.start ?? null,
      endIndex: marker?.end ?? null,
      date: result?.date ?? null,
    };
  });
  const sources: SourcePage[] = results.length
    ? results.map((r) => ({ url: r.url, title: r.title || null }))
    : citations.map((c) => ({ url: c.url, title: c.title }));
  return {
    model: body.model ?? null,
    answer,
    citations,
    sources,
    usage: toTokenUsage(body.usage),
    relatedQuestions: body.related_questions ?? [],
  };
}
