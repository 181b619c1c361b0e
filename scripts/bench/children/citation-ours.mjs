// Our analysis over every corpus page, in memory (no network): analyzeHtml per page.
import { performance } from 'node:perf_hooks';
import { childArgs, sendResult } from '../lib/child-result.mjs';
import { loadCorpus } from '../lib/corpus.mjs';
import { dist } from '../lib/paths.mjs';
import { CLIENT } from '../lib/workload.mjs';

const args = childArgs();
const { analyzeHtml } = await import(dist('citation-analyzer'));
const pages = loadCorpus(args.corpusDir);
const now = new Date('2026-01-01T00:00:00Z');
const started = performance.now();
let words = 0;
for (const page of pages) {
  const analysis = analyzeHtml(page.html, {
    url: `http://127.0.0.1/${page.name}/`,
    client: CLIENT,
    query: 'best product analytics tool',
    now,
  });
  words += analysis.onPageSeo.wordCount;
}
const seconds = (performance.now() - started) / 1000;
sendResult({ pages: pages.length, bytes: pages.reduce((n, p) => n + p.bytes, 0), seconds, words });
