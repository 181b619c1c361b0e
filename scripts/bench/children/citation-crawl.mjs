// crawlAndAnalyze end to end: fetch every corpus page from the local server and analyse it.
import { performance } from 'node:perf_hooks';
import { childArgs, sendResult } from '../lib/child-result.mjs';
import { dist } from '../lib/paths.mjs';
import { CLIENT } from '../lib/workload.mjs';

const args = childArgs();
const { crawlAndAnalyze, createCrawler } = await import(dist('citation-analyzer'));
const crawler = createCrawler({
  allowHosts: ['127.0.0.1'],
  politenessDelayMs: 0,
  perHostConcurrency: 8,
  globalConcurrency: 8,
  retries: 0,
});
const started = performance.now();
const results = await Promise.all(
  args.pages.map((name) =>
    crawlAndAnalyze(`${args.baseUrl}/${name}/`, {
      crawler,
      client: CLIENT,
      query: 'best product analytics tool',
    }),
  ),
);
const seconds = (performance.now() - started) / 1000;
await crawler.close();
const failed = results.filter((r) => !r.analysis);
sendResult({
  pages: results.length,
  analysed: results.length - failed.length,
  errors: failed.slice(0, 5).map((r) => r.error),
  bytes: results.reduce((n, r) => n + (r.crawl.ok ? r.crawl.bytes : 0), 0),
  seconds,
});
