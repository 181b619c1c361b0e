// Benchmark 4: citation analysis over the real-page corpus, ours vs jsdom + @mozilla/readability.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { corpusPages } from './lib/corpus.mjs';
import { CHILDREN, CORPUS_DIR } from './lib/paths.mjs';
import { runNodeChild } from './lib/proc.mjs';
import { judge, summarize } from './lib/stats.mjs';

/** Each measured side runs pinned to core 0; the corpus server (crawl test) to core 1. */
const CORE = 0;

async function startCorpusServer() {
  const child = fork(join(CHILDREN, 'corpus-server.mjs'), [JSON.stringify({ corpusDir: CORPUS_DIR })], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { execFileSync } = await import('node:child_process');
  try {
    execFileSync('taskset', ['-pc', '1', String(child.pid)], { stdio: 'ignore' });
  } catch {}
  const port = await new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`corpus server exited ${code}`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.send('close');
      }),
  };
}

function line(name, runs) {
  return {
    name,
    pagesPerSecond: summarize(runs.map((r) => r.pages / r.seconds)),
    mbPerSecond: summarize(runs.map((r) => r.bytes / 1e6 / r.seconds)),
    seconds: summarize(runs.map((r) => r.seconds)),
    rss: summarize(runs.map((r) => r.maxRssMb)),
    pages: runs[0]?.pages,
    bytes: runs[0]?.bytes,
    runs,
  };
}

export async function benchCitation({ reps, log }) {
  const pages = corpusPages();
  if (!pages) return { id: 'citation', skipped: `corpus folder ${CORPUS_DIR} is absent` };
  const ours = [];
  const crawl = [];
  const jsdom = [];
  const server = await startCorpusServer();
  try {
    for (let i = 0; i < reps; i++) {
      const a = await runNodeChild(
        join(CHILDREN, 'citation-ours.mjs'),
        { corpusDir: CORPUS_DIR },
        { pinCore: CORE },
      );
      ours.push(a.result);
      const c = await runNodeChild(
        join(CHILDREN, 'citation-crawl.mjs'),
        { baseUrl: server.baseUrl, pages },
        { pinCore: CORE },
      );
      if (c.result.analysed !== pages.length)
        throw new Error(`crawl analysed ${c.result.analysed}: ${c.result.errors}`);
      crawl.push(c.result);
      const j = await runNodeChild(
        join(CHILDREN, 'citation-jsdom.mjs'),
        { corpusDir: CORPUS_DIR },
        { pinCore: CORE, timeoutMs: 600_000 },
      );
      jsdom.push(j.result);
      log(
        `citation #${i + 1}: ours ${(a.result.pages / a.result.seconds).toFixed(1)} pages/s ${a.result.maxRssMb.toFixed(0)} MB; ` +
          `crawl ${(c.result.pages / c.result.seconds).toFixed(1)} pages/s ${c.result.maxRssMb.toFixed(0)} MB; ` +
          `jsdom ${(j.result.pages / j.result.seconds).toFixed(1)} pages/s ${j.result.maxRssMb.toFixed(0)} MB`,
      );
    }
  } finally {
    await server.close();
  }
  const lines = [
    line('ours: analyzeHtml', ours),
    line('ours: crawlAndAnalyze (local HTTP)', crawl),
    line('jsdom + Readability', jsdom),
  ];
  const ratio = summarize(ours.map((r, i) => r.pages / r.seconds / (jsdom[i].pages / jsdom[i].seconds)));
  const crawlRatio = summarize(
    crawl.map((r, i) => r.pages / r.seconds / (jsdom[i].pages / jsdom[i].seconds)),
  );
  return {
    id: 'citation',
    corpus: { pages: pages.length, bytes: ours[0].bytes },
    lines,
    ratio,
    crawlRatio,
    verdicts: {
      speed: judge(ratio.median, 10, 'min'),
      crawlSpeed: judge(crawlRatio.median, 10, 'min'),
      mbps: judge(lines[0].mbPerSecond.median, 15, 'min'),
      crawlMbps: judge(lines[1].mbPerSecond.median, 15, 'min'),
      rss: judge(lines[0].rss.max, 300, 'max'),
      crawlRss: judge(lines[1].rss.max, 300, 'max'),
    },
  };
}
