import type { RenderContext } from './render-context.js';

export const GROUNDING_REDIRECT_PATH = '/grounding-api-redirect/';
const TOKEN_PREFIX = 'AUZIYQ';

/** An opaque-looking token that the fake server turns back into the page URL. */
export function groundingToken(url: string): string {
  return TOKEN_PREFIX + Buffer.from(url).toString('base64url');
}

export function urlFromGroundingToken(token: string): string | null {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const url = Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString('utf8');
  return /^https?:\/\//.test(url) ? url : null;
}

/**
 * A Gemini generateContent body grounded with Google Search. `groundingSupports[].segment` offsets are
 * UTF-8 byte offsets into all text parts joined (`startIndex` omitted when 0); chunk URIs are redirect
 * links to the fake server's `/grounding-api-redirect/<token>`, which answers 302 to the page.
 */
export function renderGemini(ctx: RenderContext): unknown {
  const { answer } = ctx;
  let text = '';
  let bytes = 0;
  const supports: Record<string, unknown>[] = [];
  // Two text parts when the answer has a preamble, as real grounded answers often do.
  let splitAt = -1;
  for (const segment of answer.segments) {
    if (segment.cites.length > 0) {
      const startIndex = bytes;
      const segmentBytes = Buffer.byteLength(segment.text);
      supports.push({
        segment: {
          ...(startIndex === 0 ? {} : { startIndex }),
          endIndex: startIndex + segmentBytes,
          text: segment.text,
        },
        groundingChunkIndices: segment.cites,
      });
    }
    text += segment.text + segment.after;
    bytes += Buffer.byteLength(segment.text) + Buffer.byteLength(segment.after);
    if (splitAt < 0 && segment.after.includes('\n')) splitAt = text.length;
  }
  const parts =
    splitAt > 0 && splitAt < text.length
      ? [{ text: text.slice(0, splitAt) }, { text: text.slice(splitAt) }]
      : [{ text }];
  return {
    candidates: [
      {
        content: { role: 'model', parts },
        finishReason: 'STOP',
        groundingMetadata: {
          webSearchQueries: answer.searchQueries,
          searchEntryPoint: { renderedContent: '<div class="citebots-simulated">search suggestions</div>' },
          groundingChunks: answer.sources.map((s) => ({
            web: {
              uri: `${ctx.serverUrl}${GROUNDING_REDIRECT_PATH}${groundingToken(s.url)}`,
              title: s.domain,
            },
          })),
          groundingSupports: supports,
        },
        index: 0,
      },
    ],
    usageMetadata: {
      promptTokenCount: answer.inputTokens,
      candidatesTokenCount: answer.outputTokens,
      toolUsePromptTokenCount: 120 * answer.searchQueries.length,
      totalTokenCount: answer.inputTokens + answer.outputTokens + 120 * answer.searchQueries.length,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: answer.inputTokens }],
    },
    modelVersion: ctx.model,
    responseId: ctx.id,
    citebots_simulated: true,
  };
}
