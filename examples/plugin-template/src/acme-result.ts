import type { Citation, SourcePage, TokenUsage } from '@citebots/sdk';
import type { AcmeResponse } from './acme-response.js';

/** Citations in the order the answer cites them, numbered from 1, with their spans. */
export function acmeCitations(body: AcmeResponse): Citation[] {
  const sources = body.sources ?? [];
  const spans = [...(body.citations ?? [])].sort((a, b) => a.start - b.start);
  const citations: Citation[] = [];
  for (const span of spans) {
    const source = sources[span.source];
    if (!source || span.start < 0 || span.end > body.answer.length || span.end <= span.start) continue;
    citations.push({
      url: source.url,
      title: source.title ?? null,
      snippet: source.snippet ?? null,
      position: citations.length + 1,
      startIndex: span.start,
      endIndex: span.end,
    });
  }
  return citations;
}

export function acmeSources(body: AcmeResponse): SourcePage[] {
  return (body.sources ?? []).map((s) => ({ url: s.url, title: s.title ?? null }));
}

export function acmeUsage(body: AcmeResponse): TokenUsage | null {
  if (!body.usage) return null;
  const inputTokens = body.usage.input_tokens ?? 0;
  const outputTokens = body.usage.output_tokens ?? 0;
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    searchRequests: body.usage.searches ?? null,
  };
}
