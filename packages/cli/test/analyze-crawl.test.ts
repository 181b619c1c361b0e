import { type FakeHttpServer, readJsonBody, sendJson, startFakeHttpServer } from '@citebots/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, withEmbeddedDb, writeInputs } from './support/run-cli.js';

// A Perplexity-format endpoint whose answers cite a page served by the same local server (which the
// crawler may reach only through --crawl-allow-host) and a host that does not resolve.
const REVIEW_HTML = `<!doctype html><html lang="en"><head><title>Knak review 2026</title>
<meta name="description" content="An honest look at Knak."></head>
<body><main><h1>Knak review</h1><p>Knak is a no-code email builder. Teams moving from Stensul say Knak's
Marketo sync saves 40% of build time.</p></main></body></html>`;

let server: FakeHttpServer;

beforeAll(async () => {
  server = await startFakeHttpServer(async (req, res) => {
    if (req.method === 'GET' && req.url === '/pages/knak-review') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(REVIEW_HTML);
      return;
    }
    if (req.method === 'GET' && req.url === '/robots.txt') {
      res.writeHead(404).end();
      return;
    }
    await readJsonBody(req);
    const citations = [
      `${server.url}/pages/knak-review?utm_source=perplexity`,
      'https://unresolvable.invalid/post',
    ];
    sendJson(res, 200, {
      id: 'crawl-1',
      model: 'sonar',
      created: 1_790_000_000,
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          finish_reason: 'stop',
          message: { role: 'assistant', content: 'Knak leads [1], then Stensul [2].' },
        },
      ],
      citations,
      search_results: citations.map((url) => ({ title: 'A page', url, date: null, snippet: null })),
      usage: { prompt_tokens: 5, completion_tokens: 9, total_tokens: 14, cost: { total_cost: 0.005 } },
    });
  });
});

afterAll(async () => {
  await server?.close();
});

function pageRows(dataDir: string) {
  return withEmbeddedDb(dataDir, (db) =>
    db.query<{
      citation_url: string;
      citation_position: number;
      page_title: string | null;
      brand_mentioned: boolean;
      crawl_error: string | null;
    }>(
      `SELECT citation_url, citation_position, page_title, brand_mentioned, crawl_error FROM page_analyses ORDER BY citation_position`,
    ),
  );
}

describe('citebots analyze crawls the cited pages', { timeout: 180_000 }, () => {
  it('stores one page_analyses row per citation, the failure of an unreachable page recorded, never fatal', async () => {
    const dir = tempDir();
    const files = writeInputs(dir, ['Which email builder works best with Marketo?']);
    const dataDir = `${dir}/db`;
    const env = {
      DATABASE_URL: undefined,
      CITEBOTS_DATA_DIR: dataDir,
      PERPLEXITY_API_KEY: 'pplx-crawl-key-0001',
      PERPLEXITY_BASE_URL: server.url,
    };
    const r = await runCli(
      [
        'analyze',
        '-p',
        'perplexity',
        '--client',
        files.client,
        '--queries',
        files.queries,
        '--crawl-allow-host',
        '127.0.0.1',
        '--json',
      ],
      env,
    );
    expect(r.exitCode).toBe(0);
    const rows = await pageRows(dataDir);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      citation_position: 1,
      page_title: 'Knak review 2026',
      brand_mentioned: true,
      crawl_error: null,
    });
    expect(rows[1]!.citation_position).toBe(2);
    expect(rows[1]!.crawl_error).toBeTruthy();
  });

  it('blocks the local page without --crawl-allow-host, and crawls nothing with --no-crawl', async () => {
    const dir = tempDir();
    const files = writeInputs(dir, ['Which email builder works best with Marketo?']);
    const dataDir = `${dir}/db`;
    const env = {
      DATABASE_URL: undefined,
      CITEBOTS_DATA_DIR: dataDir,
      PERPLEXITY_API_KEY: 'pplx-crawl-key-0001',
      PERPLEXITY_BASE_URL: server.url,
    };
    expect(
      (
        await runCli(
          ['analyze', '-p', 'perplexity', '--client', files.client, '--queries', files.queries],
          env,
        )
      ).exitCode,
    ).toBe(0);
    const blocked = await pageRows(dataDir);
    expect(blocked[0]!.crawl_error).toMatch(/block|private|loopback|denied|refus/i);

    const dir2 = tempDir();
    const files2 = writeInputs(dir2, ['Which email builder works best with Marketo?']);
    const env2 = { ...env, CITEBOTS_DATA_DIR: `${dir2}/db` };
    expect(
      (
        await runCli(
          [
            'analyze',
            '-p',
            'perplexity',
            '--client',
            files2.client,
            '--queries',
            files2.queries,
            '--no-crawl',
          ],
          env2,
        )
      ).exitCode,
    ).toBe(0);
    expect(await pageRows(`${dir2}/db`)).toEqual([]);
  });
});
