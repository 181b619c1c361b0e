import {
  type Citation,
  type SourcePage,
  type TokenUsage,
  urlCompareKey,
  utf8OffsetToIndex,
} from '@citebots/sdk';
import type { GeminiResponse, GeminiUsage } from './gemini-response.js';

export interface ParsedGeminiAnswer {
  answer: string;
  citations: Citation[];
  sources: SourcePage[];
  searchQueries: string[];
  usage: TokenUsage | null;
  finishReason: string | null;
  blockReason: string | null;
  grounded: boolean;
}

export function geminiTokenUsage(usage: GeminiUsage | null | undefined, searches: number): TokenUsage | null {
  if (!usage) return null;
  const input = (usage.promptTokenCount ?? 0) + (usage.toolUsePromptTokenCount ?? 0);
  const output = (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0);
  return {
    inputTokens: input,
    outputTokens: output,
    totalTokens: usage.totalTokenCount ?? input + output,
    cachedInputTokens: usage.cachedContentTokenCount ?? null,
    reasoningTokens: usage.thoughtsTokenCount ?? null,
    searchRequests: searches,
  };
}

/**
 * Reads the first candidate. The answer joins all its non-thought text parts; grounding segment offsets are
 * UTF-8 byte offsets into that joined text (startIndex omitted when 0) and become character offsets here.
 * Citations are the grounding chunks in order of first use by the supports; every chunk is a source.
 */
export function parseGeminiResponse(body: GeminiResponse): ParsedGeminiAnswer {
  const candidate = body.candidates?.[0];
  const answer = (candidate?.content?.parts ?? [])
    .filter((p) => typeof p.text === 'string' && !p.thought)
    .map((p) => p.text)
    .join('');
  const answerBytes = Buffer.byteLength(answer, 'utf8');
  const grounding = candidate?.groundingMetadata;
  const chunks = grounding?.groundingChunks ?? [];
  const supports = [...(grounding?.groundingSupports ?? [])].sort(
    (a, b) => (a.segment?.startIndex ?? 0) - (b.segment?.startIndex ?? 0),
  );
  const citations: Citation[] = [];
  const used = new Set<number>();
  const cite = (index: number, span: { start: number; end: number } | null) => {
    const web = chunks[index]?.web;
    if (used.has(index) || !web?.uri) return;
    used.add(index);
    citations.push({
      url: web.uri,
      title: web.title || null,
      snippet: null,
      position: citations.length + 1,
      startIndex: span?.start ?? null,
      endIndex: span?.end ?? null,
    });
  };
  for (const support of supports) {
    const segment = support.segment;
    // A segment past the end of the text (a trimmed answer) or an empty one gets no offsets.
    const startByte = segment?.startIndex ?? 0;
    const endByte = segment?.endIndex;
    const span =
      typeof endByte === 'number' && endByte > startByte && endByte <= answerBytes
        ? { start: utf8OffsetToIndex(answer, startByte), end: utf8OffsetToIndex(answer, endByte) }
        : null;
    for (const index of support.groundingChunkIndices ?? []) cite(index, span);
  }
  if (supports.length === 0) {
    for (let index = 0; index < chunks.length; index++) cite(index, null);
  }
  const sources: SourcePage[] = chunks
    .filter((c) => c.web?.uri)
    .map((c) => ({ url: c.web!.uri!, title: c.web!.title || null }));
  const searchQueries = [...new Set((grounding?.webSearchQueries ?? []).filter((q) => q))];
  const toolTokens = body.usageMetadata?.toolUsePromptTokenCount ?? 0;
  const grounded = searchQueries.length > 0 || chunks.length > 0 || toolTokens > 0;
  const searches = searchQueries.length || (grounded ? 1 : 0);
  return {
    answer,
    citations,
    sources,
    searchQueries,
    usage: geminiTokenUsage(body.usageMetadata, searches),
    finishReason: candidate?.finishReason ?? null,
    blockReason: body.promptFeedback?.blockReason ?? null,
    grounded,
  };
}

/** Replaces URLs through `resolved`, then merges citations and sources that now name the same page. */
export function applyResolvedUrls(
  parsed: Pick<ParsedGeminiAnswer, 'citations' | 'sources'>,
  resolved: Map<string, string>,
): { citations: Citation[]; sources: SourcePage[] } {
  const citations: Citation[] = [];
  const seen = new Set<string>();
  for (const c of parsed.citations) {
    const url = resolved.get(c.url) ?? c.url;
    const key = urlCompareKey(url);
    if (seen.has(key)) continue;
    seen.add(key);
    citations.push({ ...c, url, position: citations.length + 1 });
  }
  const sources: SourcePage[] = [];
  const seenSources = new Set<string>();
  for (const s of parsed.sources) {
    const url = resolved.get(s.url) ?? s.url;
    const key = urlCompareKey(url);
    if (seenSources.has(key)) continue;
    seenSources.add(key);
    sources.push({ ...s, url });
  }
  return { citations, sources };
}
