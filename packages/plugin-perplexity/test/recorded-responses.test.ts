import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerplexityPlatform } from '../src/index.js';
import { type LocalServer, startLocalServer } from './support/local-server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dir = path.join(path.resolve(repoRoot, '../shared/fixtures/providers'), 'perplexity');
const files = existsSync(dir)
  ? (await readdir(dir)).filter((f) => f.endsWith('.json') && !f.startsWith('request_'))
  : [];

describe.skipIf(files.length === 0)('perplexity recorded responses', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer();
  });
  afterAll(async () => {
    await server.close();
  });

  for (const file of files) {
    it(`parses ${file}`, async () => {
      const body = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
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
