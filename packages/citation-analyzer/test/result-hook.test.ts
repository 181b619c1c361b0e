import type { ClientProfile, PlatformResult } from '@citebots/sdk';
import { createTestDatabase, type TestDatabase } from '@citebots/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Crawler, createCitationResultHook, createCrawler } from '../src/index.js';
import { KNAK } from './helpers.js';
import { type PageServer, startPageServer } from './page-server.js';

const CLIENT = KNAK as ClientProfile;

function result(citations: Array<{ url: string; position: number }>): PlatformResult {
  return {
    platform: 'perplexity',
    model: 'sonar',
    answer: 'Knak and Stensul are popular email template builders.',
    citations: citations.map((c) => ({ ...c, title: `cited ${c.position}`, snippet: null })),
    sources: [],
    searchQueries: [],
    usage: null,
    cost: { totalUsd: 0, source: 'provider' },
    raw: {},
    providerMetadata: {},
  };
}

/**
 * The crawler the hook uses: a real one, trusting 127.0.0.1 only, with the public host names of
 * the fixtures (blog.knak.com, www.stensul.com) served by the local site instead of the internet.
 */
function localSiteCrawler(site: PageServer): Crawler {
  const real = createCrawler({ allowHosts: ['127.0.0.1'], politenessDelayMs: 0, cache: false });
  const local = (url: string) =>
    url
      .replace('https://blog.knak.com/', `${site.origin}/page/knak-`)
      .replace('https://www.stensul.com/', `${site.origin}/page/stensul-`);
  return { options: real.options, fetch: (url, o) => real.fetch(local(url), o), close: () => real.close() };
}

describe.each(['pglite', 'postgres'] as const)('createCitationResultHook on %s', (kind) => {
  let test: TestDatabase;
  let site: PageServer;
  let crawler: Crawler;
  let runId: string;
  const resultIds: string[] = [];

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    site = await startPageServer();
    crawler = localSiteCrawler(site);
    const [client] = await test.db.query<{ id: string }>(
      'INSERT INTO clients (name, domain) VALUES ($1, $2) RETURNING id',
      ['Knak', 'knak.com'],
    );
    const [run] = await test.db.query<{ id: string }>(
      "INSERT INTO analysis_runs (client_id, status, platform) VALUES ($1, 'running', 'perplexity') RETURNING id",
      [client!.id],
    );
    runId = run!.id;
    for (const text of ['best email template builder for Marketo', 'email builder pricing']) {
      const [row] = await test.db.query<{ id: string }>(
        "INSERT INTO analysis_queries (analysis_run_id, query_text, query_keyword, platform, data_source) VALUES ($1, $2, 'email builder', 'perplexity', 'perplexity') RETURNING id",
        [runId, text],
      );
      resultIds.push(row!.id);
    }
  }, 180_000); // a fresh database runs every migration: slow on a busy machine

  afterAll(async () => {
    await crawler?.close();
    await site?.close();
    await test?.dispose();
  });

  it('writes one row per citation, crawling each page once per run', async () => {
    const hook = createCitationResultHook({ crawler });
    const blog = `${site.origin}/blog.html?kind=${kind}`;
    const signal = new AbortController().signal;
    await hook({
      db: test.db,
      runId,
      resultId: resultIds[0]!,
      query: { id: 'q1', text: 'best email template builder for Marketo', keyword: 'email builder' },
      client: CLIENT,
      result: result([
        { url: `${blog}&utm_source=perplexity`, position: 1 },
        { url: `${blog}#pricing`, position: 2 },
        { url: 'https://blog.knak.com/post', position: 3 },
        { url: 'https://www.stensul.com/platform', position: 4 },
        { url: 'http://10.0.0.1/admin', position: 5 },
        { url: 'ftp://files.example/list', position: 6 },
      ]),
      signal,
    });
    await hook({
      db: test.db,
      runId,
      resultId: resultIds[1]!,
      query: { id: 'q2', text: 'email builder pricing' },
      client: CLIENT,
      result: result([{ url: blog, position: 1 }]),
      signal,
    });
    expect(site.hits.get(`/blog.html?kind=${kind}`)).toBe(1);

    const rows = await test.db.query<Record<string, unknown>>(
      'SELECT * FROM page_analyses WHERE query_id = $1 ORDER BY citation_position',
      [resultIds[0]],
    );
    expect(rows.map((r) => r.citation_position)).toEqual([1, 2, 3, 4, 5, 6]);
    const [first, second, knak, stensul, privateNet, ftp] = rows as [
      Record<string, unknown>,
      ...Record<string, unknown>[],
    ];

    expect(first).toMatchObject({
      citation_url: `${blog}&utm_source=perplexity`,
      normalized_url: blog,
      domain_name: '127.0.0.1',
      is_client_domain: false,
      is_competitor_domain: false,
      page_title: 'Email Template Builders Compared: Knak vs Stensul | Mailcraft Blog',
      brand_mentioned: true,
      brand_mention_count: 4,
      brand_in_title: true,
      competitor_mentioned: true,
      competitor_names: ['Stensul'],
      query_text: 'best email template builder for Marketo',
      query_keyword: 'email builder',
      crawl_error: null,
      http_status: 200,
      page_language: 'en-US',
      analysis_version: 1,
    });
    expect(first.mention_type).toEqual([
      'brand_in_title',
      'brand_mention',
      'competitor_mention',
      'comparison',
    ]);
    expect(String(first.brand_context)).toContain('Knak');
    expect(new Date(first.published_at as string).toISOString()).toBe('2026-03-01T09:30:00.000Z');
    expect(Number(first.relevance_score)).toBeGreaterThan(0.5);
    expect(Number(first.content_quality_score)).toBeGreaterThan(50);
    const technical = first.technical_seo as { status: number; canonical: { url: string } };
    expect(technical.status).toBe(200);
    expect((first.content_quality as { scoreParts: Record<string, number> }).scoreParts).toHaveProperty(
      'statistics',
    );
    expect((first.on_page_seo as { wordCount: number }).wordCount).toBe(first.word_count);
    expect(first.page_analysis_id).toBe(second!.page_analysis_id);

    expect(knak).toMatchObject({ domain_name: 'blog.knak.com', is_client_domain: true, crawl_error: null });
    expect(knak!.mention_type).toContain('client_domain');
    expect(stensul).toMatchObject({
      domain_name: 'stensul.com',
      is_competitor_domain: true,
      is_client_domain: false,
    });

    expect(privateNet).toMatchObject({
      domain_name: '10.0.0.1',
      technical_seo: null,
      content_quality_score: null,
    });
    expect(String(privateNet!.crawl_error)).toMatch(/^blocked_address: /);
    expect(ftp!.crawl_error).toMatch(/^unsupported_scheme: /);
    expect(ftp!.page_title).toBe('cited 6');

    const other = await test.db.query<{ n: number; relevance: string }>(
      'SELECT count(*)::int AS n, max(relevance_score)::text AS relevance FROM page_analyses WHERE query_id = $1',
      [resultIds[1]],
    );
    expect(other[0]!.n).toBe(1);
    expect(Number(other[0]!.relevance)).not.toBe(Number(first.relevance_score)); // same page, other query
  });

  it('replaces the rows of a result when it runs again', async () => {
    const hook = createCitationResultHook({ crawler });
    await hook({
      db: test.db,
      runId,
      resultId: resultIds[1]!,
      query: { id: 'q2', text: 'email builder pricing' },
      client: CLIENT,
      result: result([
        { url: `${site.origin}/faq.html`, position: 1 },
        { url: `${site.origin}/missing`, position: 2 },
      ]),
      signal: new AbortController().signal,
    });
    const rows = await test.db.query<{ citation_position: number; crawl_error: string | null }>(
      'SELECT citation_position, crawl_error FROM page_analyses WHERE query_id = $1 ORDER BY citation_position',
      [resultIds[1]],
    );
    expect(rows).toEqual([
      { citation_position: 1, crawl_error: null },
      { citation_position: 2, crawl_error: 'http_status: HTTP 404' },
    ]);
  });
});
