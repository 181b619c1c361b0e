import { recordedProviderResponses, useRecordingHttpServer } from '@citebots/sdk/testing';
import { describe, expect, it } from 'vitest';
import { createPerplexityPlatform } from '../src/index.js';

const files = await recordedProviderResponses('perplexity');

describe.skipIf(files.length === 0)('perplexity recorded responses', () => {
  const server = useRecordingHttpServer();

  for (const { name, body } of files) {
    it(`parses ${name}`, async () => {
      server.handler = () => ({ json: body });
      const platform = createPerplexityPlatform(
        { apiKey: 'pplx-recorded-test-key', baseUrl: server.url },
        {},
      );
      const result = await platform.execute({ id: 'q', text: 'recorded' }, { client: {} } as never);
      expect(result.answer.length).toBeGreaterThan(0);
      expect(result.citations.map((c) => c.url)).toEqual(body.citations);
      expect(result.citations.map((c) => c.position)).toEqual(
        body.citations.map((_: unknown, i: number) => i + 1),
      );
      for (const c of result.citations) {
        if (c.startIndex != null)
          expect(result.answer.slice(c.startIndex, c.endIndex!)).toBe(`[${c.position}]`);
      }
      expect(result.cost.totalUsd).toBeGreaterThanOrEqual(0);
      if (body.usage?.cost?.total_cost != null) expect(result.cost.totalUsd).toBe(body.usage.cost.total_cost);
    });
  }
});
