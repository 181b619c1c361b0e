import { recordedProviderResponses, useRecordingHttpServer } from '@citebots/sdk/testing';
import { describe, expect, it } from 'vitest';
import { createClaudePlatform } from '../src/index.js';

const files = await recordedProviderResponses('anthropic');

describe.skipIf(files.length === 0)('claude recorded responses', () => {
  const server = useRecordingHttpServer();

  for (const { name, body } of files) {
    it(`parses ${name}`, async () => {
      server.handler = () => ({ json: body });
      const platform = createClaudePlatform({ apiKey: 'sk-ant-recorded-test', baseUrl: server.url }, {});
      const result = await platform.execute({ id: 'q', text: 'recorded' }, { client: {} } as never);
      expect(result.answer.length).toBeGreaterThan(0);
      expect(result.citations.length).toBeGreaterThan(0);
      expect(result.citations.map((c) => c.position)).toEqual(result.citations.map((_, i) => i + 1));
      const starts = result.citations.map((c) => c.startIndex!);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      const texts = body.content
        .filter((b: { type: string }) => b.type === 'text')
        .map((b: { text: string }) => b.text);
      for (const c of result.citations)
        expect(texts).toContain(result.answer.slice(c.startIndex!, c.endIndex!));
      const queries = body.content
        .filter((b: { type: string }) => b.type === 'server_tool_use')
        .map((b: { input: { query: string } }) => b.input.query);
      expect(result.searchQueries).toEqual([...new Set(queries)]);
      expect(result.usage!.searchRequests).toBe(body.usage.server_tool_use.web_search_requests);
      expect(result.cost.totalUsd).toBeGreaterThanOrEqual(0);
    });
  }
});
