import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Crawler,
  type CrawlerOptionsInput,
  crawlAndAnalyze,
  createCrawler,
  USER_AGENT,
} from '../src/index.js';
import { KNAK } from './helpers.js';
import { type PageServer, startPageServer } from './page-server.js';

let site: PageServer;
const crawlers: Crawler[] = [];

/** A crawler that trusts the local test site only; fast timings for tests. */
function localCrawler(options: CrawlerOptionsInput = {}): Crawler {
  const crawler = createCrawler({
    allowHosts: ['127.0.0.1'],
    politenessDelayMs: 0,
    retryBaseDelayMs: 10,
    ...options,
  });
  crawlers.push(crawler);
  return crawler;
}

beforeAll(async () => {
  site = await startPageServer();
});

afterAll(async () => {
  await Promise.all(crawlers.map((c) => c.close()));
  await site.close();
});

describe('address safety', () => {
  it('refuses 127.0.0.1 without the allow-list, before sending anything', async () => {
    const before = site.hits.get('/blog.html') ?? 0;
    const crawler = createCrawler({ politenessDelayMs: 0 });
    crawlers.push(crawler);
    const result = await crawler.fetch(`${site.origin}/blog.html`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('blocked_address');
    expect(site.hits.get('/blog.html') ?? 0).toBe(before);
  });

  it('refuses a host name that resolves to loopback (checked after DNS resolution)', async () => {
    const crawler = createCrawler({ politenessDelayMs: 0, respectRobots: false });
    crawlers.push(crawler);
    const result = await crawler.fetch(`http://localhost:${site.port}/blog.html`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('blocked_address');
  });

  it('refuses redirects to the metadata service and to private networks on the hop', async () => {
    const crawler = localCrawler();
    for (const path of ['/to-metadata', '/to-private']) {
      const result = await crawler.fetch(`${site.origin}${path}`);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('blocked_address');
        expect(result.redirects).toHaveLength(1);
      }
    }
  });

  it('crawls http and https only, on every hop', async () => {
    const crawler = localCrawler();
    const ftp = await crawler.fetch('ftp://example.com/file.html');
    expect(!ftp.ok && ftp.error.code).toBe('unsupported_scheme');
    const viaRedirect = await crawler.fetch(`${site.origin}/to-ftp`);
    expect(!viaRedirect.ok && viaRedirect.error.code).toBe('unsupported_scheme');
    const garbage = await crawler.fetch('not a url');
    expect(!garbage.ok && garbage.error.code).toBe('invalid_url');
  });
});

describe('fetching', () => {
  it('fetches a page with an honest user agent and decodes it', async () => {
    const crawler = localCrawler();
    const result = await crawler.fetch(`${site.origin}/blog.html`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.status).toBe(200);
    expect(result.html).toContain('Email Template Builders Compared');
    expect(result.charset).toBe('utf-8');
    expect(result.truncated).toBe(false);
    expect(USER_AGENT).toMatch(
      /^CitebotsBot\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/citebots\/citebots\)$/,
    );
    expect(site.userAgents).toContain(USER_AGENT);
  });

  it('follows redirects by hand and records the chain', async () => {
    const crawler = localCrawler();
    const result = await crawler.fetch(`${site.origin}/redirect/1`);
    expect(result.ok).toBe(true);
    expect(result.redirects).toEqual([
      { url: `${site.origin}/redirect/1`, status: 301 },
      { url: `${site.origin}/redirect/2`, status: 302 },
    ]);
    expect(result.finalUrl).toBe(`${site.origin}/blog.html?utm_source=redirect`);
  });

  it('stops at the redirect limit and on loops', async () => {
    const crawler = localCrawler({ maxRedirects: 3 });
    const chain = await crawler.fetch(`${site.origin}/chain/0`);
    expect(!chain.ok && chain.error.code).toBe('too_many_redirects');
    expect(chain.redirects).toHaveLength(4);
    const loop = await crawler.fetch(`${site.origin}/loop`);
    expect(!loop.ok && loop.error.message).toMatch(/loop/);
  });

  it('stops reading a body past the size cap and analyses what it read', async () => {
    const crawler = localCrawler({ maxBodyBytes: 256 * 1024 });
    const result = await crawler.fetch(`${site.origin}/huge`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.truncated).toBe(true);
    expect(result.bytes).toBe(256 * 1024);
    expect(site.hugeBytesSent()).toBeLessThan(40 * 1024 * 1024); // the server saw us hang up
    const analysed = await crawlAndAnalyze(`${site.origin}/huge?second=1`, { crawler });
    expect(analysed.analysis?.title).toBe('Huge page');
    expect(analysed.analysis?.technicalSeo.truncated).toBe(true);
  });

  it('skips content that is not HTML without reading it, and sniffs a missing Content-Type', async () => {
    const crawler = localCrawler();
    const pdf = await crawler.fetch(`${site.origin}/report.pdf`);
    expect(!pdf.ok && pdf.error).toEqual({
      code: 'unsupported_content_type',
      message: 'application/pdf is not HTML; the page was not read',
    });
    const untyped = await crawler.fetch(`${site.origin}/no-type.html`);
    expect(untyped.ok).toBe(true);
  });

  it('decodes a windows-1252 page from its meta charset', async () => {
    const result = await crawlAndAnalyze(`${site.origin}/latin1.html`, { crawler: localCrawler() });
    expect(result.analysis?.title).toBe('Café Müller – Preise ab €5');
    expect(result.analysis?.technicalSeo.charset).toBe('windows-1252');
  });

  it('reports HTTP errors, and a noindex header, without throwing', async () => {
    const crawler = localCrawler();
    const missing = await crawlAndAnalyze(`${site.origin}/missing`, { crawler });
    expect(missing.error).toBe('http_status: HTTP 404');
    expect(missing.crawl.status).toBe(404);
    const noindex = await crawlAndAnalyze(`${site.origin}/noindex.html`, { crawler });
    expect(noindex.analysis?.technicalSeo.robots).toMatchObject({ xRobotsTag: 'noindex', noindex: true });
  });

  it('times out a server that does not answer', async () => {
    const crawler = localCrawler({ headersTimeoutMs: 200, retries: 0 });
    const result = await crawler.fetch(`${site.origin}/slow-headers`);
    expect(!result.ok && result.error.code).toBe('timeout');
  });
});

describe('retries (transient failures only, bounded)', () => {
  it('retries a 503, a reset connection and a 429 with a short Retry-After', async () => {
    const crawler = localCrawler();
    for (const path of ['/flaky', '/reset', '/rate-limited']) {
      const result = await crawler.fetch(`${site.origin}${path}`);
      expect(result.ok, path).toBe(true);
      expect(result.attempts, path).toBe(2);
    }
  });

  it('does not retry a 404 or a 429 asking to wait longer than the cap; gives up after the limit', async () => {
    const crawler = localCrawler({ retries: 2 });
    await crawler.fetch(`${site.origin}/missing?once=1`);
    expect(site.hits.get('/missing?once=1')).toBe(1);
    const long = await crawler.fetch(`${site.origin}/rate-limited-long`);
    expect(long.attempts).toBe(1);
    expect(!long.ok && long.error.message).toBe('HTTP 429');
    const broken = await crawler.fetch(`${site.origin}/always-500`);
    expect(broken.attempts).toBe(3);
    expect(site.hits.get('/always-500')).toBe(3);
  });
});

describe('robots.txt', () => {
  it('is honoured for our user agent and fetched once per host', async () => {
    const before = site.hits.get('/robots.txt') ?? 0;
    const crawler = localCrawler();
    const blocked = await crawler.fetch(`${site.origin}/no-bots/page.html`);
    expect(!blocked.ok && blocked.error.code).toBe('robots_disallowed');
    expect(site.hits.get('/no-bots/page.html')).toBeUndefined();
    expect((await crawler.fetch(`${site.origin}/no-bots/allowed.html`)).ok).toBe(true);
    expect((await crawler.fetch(`${site.origin}/private/x`)).status).toBe(404); // * rules do not apply to us
    expect((site.hits.get('/robots.txt') ?? 0) - before).toBe(1);
  });

  it('can be switched off', async () => {
    const crawler = localCrawler({ respectRobots: false });
    expect((await crawler.fetch(`${site.origin}/no-bots/page.html`)).ok).toBe(true);
  });
});

describe('de-duplication and politeness', () => {
  it('fetches a page once per crawler, whatever the tracking parameters, fragments or slashes', async () => {
    const crawler = localCrawler();
    const urls = [
      `${site.origin}/page/dedup?utm_source=a`,
      `${site.origin}/page/dedup/#x`,
      `${site.origin}/page/dedup?gclid=1`,
      `http://127.0.0.1:${site.port}/page/dedup`,
    ];
    const results = await Promise.all(urls.map((u) => crawler.fetch(u)));
    expect(results.every((r) => r.ok)).toBe(true);
    const hits = [...site.hits]
      .filter(([path]) => path.startsWith('/page/dedup'))
      .reduce((n, [, c]) => n + c, 0);
    expect(hits).toBe(1);
  });

  it('keeps the politeness delay between two requests to one host', async () => {
    const crawler = localCrawler({ politenessDelayMs: 150, perHostConcurrency: 1, respectRobots: false });
    const started = Date.now();
    await Promise.all([crawler.fetch(`${site.origin}/page/p1`), crawler.fetch(`${site.origin}/page/p2`)]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('crawlAndAnalyze', () => {
  it('crawls and analyses a page for a client and a query', async () => {
    const result = await crawlAndAnalyze(`${site.origin}/blog.html?ref=1`, {
      crawlerOptions: { allowHosts: ['127.0.0.0/8'], politenessDelayMs: 0 },
      client: KNAK,
      query: 'email template builder',
    });
    expect(result.error).toBeNull();
    expect(result.analysis?.technicalSeo.status).toBe(200);
    expect(result.analysis?.technicalSeo.responseTimeMs).toBeGreaterThanOrEqual(0);
    expect(result.analysis?.brand.brand?.count).toBeGreaterThan(0);
    expect(result.analysis?.relevanceScore).toBeGreaterThan(0);
  });
});
