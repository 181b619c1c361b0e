// What users would pick instead: jsdom + @mozilla/readability over every corpus page, in memory.
import { performance } from 'node:perf_hooks';
import { childArgs, sendResult } from '../lib/child-result.mjs';
import { loadCorpus } from '../lib/corpus.mjs';
import { peer } from '../lib/paths.mjs';

const args = childArgs();
const jsdomModule = await import(`${peer('jsdom')}/lib/api.js`);
const { JSDOM, VirtualConsole } = jsdomModule.default ?? jsdomModule;
const { Readability } = (await import(`${peer('@mozilla/readability')}/index.js`)).default;
const pages = loadCorpus(args.corpusDir);
const started = performance.now();
let parsed = 0;
for (const page of pages) {
  const dom = new JSDOM(page.html, {
    url: `http://127.0.0.1/${page.name}/`,
    virtualConsole: new VirtualConsole(),
  });
  const article = new Readability(dom.window.document).parse();
  if (article) parsed++;
  dom.window.close();
}
const seconds = (performance.now() - started) / 1000;
sendResult({ pages: pages.length, bytes: pages.reduce((n, p) => n + p.bytes, 0), seconds, parsed });
