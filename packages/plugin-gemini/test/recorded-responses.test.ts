import { recordedProviderResponses, useRecordingHttpServer } from '@citebots/sdk/testing';
import { describe, expect, it } from 'vitest';
import { createGeminiPlatform } from '../src/index.js';

const files = await recordedProviderResponses('gemini');

describe.skipIf(files.length === 0)('gemini recorded responses', () => {
  const server = useRecordingHttpServer();

  for (const { name, body } of files) {
    it(`parses ${name}`, async () => {
      // The Interactions API file is another surface (no candidates): it must be refused, not misread.
      const generateContent = Array.isArray(body.candidates);
      server.handler = () => ({ json: body });
      const platform = createGeminiPlatform({ apiKey: 'AIza-recorded-test-key', baseUrl: server.url }, {});
      const pending = platform.execute({ id: 'q', text: 'recorded' }, { client: {} } as never);
      if (!generateContent) {
        await expect(pending).rejects.toMatchObject({ kind: 'malformed_response' });
        return;
      }
      const result = await pending;
      const grounding = body.candidates[0].groundingMetadata ?? {};
      expect(result.answer.length).toBeGreaterThan(0);
      expect(result.citations.length).toBeGreaterThan(0);
      expect(result.citations.map((c) => c.position)).toEqual(result.citations.map((_, i) => i + 1));
      const starts = result.citations.map((c) => c.startIndex ?? 0);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      expect(result.searchQueries).toEqual([...new Set(grounding.webSearchQueries ?? [])]);
      // Only local redirect links may be followed while the base URL is local: nothing left this machine.
      expect(server.requests.every((r) => r.method === 'POST')).toBe(true);
      const supports: { segment: { endIndex: number } }[] = grounding.groundingSupports ?? [];
      const maxEnd = Math.max(0, ...supports.map((s) => s.segment.endIndex));
      const intact = Buffer.byteLength(result.answer, 'utf8') >= maxEnd;
      // Doc examples and snipped answers have offsets that cannot match their text.
      if (!name.startsWith('gemini-docs') && intact) {
        // Every support's byte span, converted, is exactly its segment text.
        for (const support of grounding.groundingSupports ?? []) {
          const cited = result.citations.find(
            (c) => c.url === grounding.groundingChunks[support.groundingChunkIndices[0]].web.uri,
          );
          if (cited?.startIndex == null || !support.segment.text) continue;
          const first = grounding.groundingSupports.find((s: { groundingChunkIndices: number[] }) =>
            s.groundingChunkIndices.includes(support.groundingChunkIndices[0]),
          );
          if (first !== support) continue;
          expect(result.answer.slice(cited.startIndex, cited.endIndex!)).toBe(support.segment.text);
        }
      }
      expect(result.cost.totalUsd).toBeGreaterThanOrEqual(0);
    });
  }
});
