import { recordedProviderResponses, useRecordingHttpServer } from '@citebots/sdk/testing';
import { describe, expect, it } from 'vitest';
import { createChatGptPlatform } from '../src/index.js';

const responsesFiles = await recordedProviderResponses('openai-responses');
const chatFiles = await recordedProviderResponses('openai-chat-search');

type Json = Record<string, unknown>;

/**
 * A full body, or a replay record `{recordedAt, request, response}`: its response may be only a summary, so the
 * recorded `web_search_call` items of the request stand in as the output, followed by a one-line message.
 */
function bodyOf(json: Json): { body: Json; replay: boolean } {
  if ('output' in json || 'choices' in json) return { body: json, replay: false };
  const response = json.response as Json;
  if (response && 'output' in response) return { body: response, replay: false };
  const input = ((json.request as Json)?.input ?? []) as Json[];
  const calls = input.filter((item) => item.type === 'web_search_call');
  const message = { type: 'message', content: [{ type: 'output_text', text: 'replayed', annotations: [] }] };
  return { body: { ...response, output: [...calls, message], usage: null }, replay: true };
}

describe.skipIf(responsesFiles.length + chatFiles.length === 0)('chatgpt recorded responses', () => {
  const server = useRecordingHttpServer();

  const cases = [
    ...responsesFiles.map((file) => ({ file, api: 'responses' as const })),
    ...chatFiles.map((file) => ({ file, api: 'chat' as const })),
  ];
  for (const { file, api } of cases) {
    it(`parses ${file.name}`, async () => {
      const { body, replay } = bodyOf(file.body);
      server.handler = () => ({ json: body });
      const platform = createChatGptPlatform(
        { apiKey: 'sk-recorded-test-key', baseUrl: server.url, api },
        {},
      );
      const result = await platform.execute({ id: 'q', text: 'recorded' }, { client: {} } as never);
      expect(result.answer.length).toBeGreaterThan(0);
      expect(result.citations.map((c) => c.position)).toEqual(result.citations.map((_, i) => i + 1));
      const starts = result.citations.map((c) => c.startIndex ?? 0);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      for (const c of result.citations) {
        expect(c.url).toMatch(/^https?:\/\//);
        if (c.startIndex != null) expect(c.endIndex!).toBeGreaterThan(c.startIndex);
        if (c.endIndex != null) expect(c.endIndex).toBeLessThanOrEqual(result.answer.length);
        // The span is the inline markdown link to the cited page.
        if (c.startIndex != null) expect(result.answer.slice(c.startIndex, c.endIndex!)).toContain(c.url);
      }
      expect(result.cost.totalUsd).toBeGreaterThanOrEqual(0);
      if (replay) {
        const calls = (body.output as Json[]).filter((item) => item.type === 'web_search_call');
        const expected = calls.flatMap((c) => ((c.action as Json)?.queries as string[]) ?? []);
        expect(result.searchQueries).toEqual([...new Set(expected)]);
        expect(result.sources.length).toBeGreaterThan(0);
      } else if (api === 'responses') {
        expect(result.citations.length).toBeGreaterThan(0);
      }
    });
  }
});
