import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toIsoDate } from '../src/analysis/dates.js';
import { analyzeHtml } from '../src/index.js';

// The shared reference corpus (130 real pages with expected metadata from a reader-mode
// extractor), read in place at test time and never copied into the repository.
const here = dirname(fileURLToPath(import.meta.url));
const CORPUS = [join(here, '../../../../shared/corpus/pages'), '/work/shared/corpus/pages'].find((p) =>
  existsSync(p),
);

interface Expected {
  title?: string | null;
  lang?: string | null;
  publishedTime?: string | null;
}

/** Compares titles as a reader would: Unicode-normalised, case, quotes, dashes and spacing ignored. */
function normalizeTitle(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/[‐-―−]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Dates agree when they name the same instant to the second (sources differ in sub-second digits). */
function sameSecond(a: string, b: string | null): boolean {
  return b !== null && Math.floor(Date.parse(a) / 1000) === Math.floor(Date.parse(b) / 1000);
}

function rate(agree: number, total: number): string {
  return `${agree}/${total} (${total ? ((agree / total) * 100).toFixed(1) : '0.0'}%)`;
}

describe.skipIf(!CORPUS)('reference corpus of real pages', () => {
  it('agrees with the expected title, language and published time on at least 95% of the pages that have them', () => {
    const dirs = readdirSync(CORPUS!, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(CORPUS!, d.name, 'expected-metadata.json')))
      .map((d) => d.name)
      .sort();
    expect(dirs.length).toBeGreaterThan(50);
    const tally = { title: [0, 0], lang: [0, 0], published: [0, 0] };
    const misses: string[] = [];
    for (const name of dirs) {
      const html = readFileSync(join(CORPUS!, name, 'source.html'), 'utf8');
      const expected = JSON.parse(
        readFileSync(join(CORPUS!, name, 'expected-metadata.json'), 'utf8'),
      ) as Expected;
      const analysis = analyzeHtml(html, { url: `https://${name}.example/article` });
      if (expected.title) {
        tally.title[1]!++;
        const got = analysis.onPageSeo.articleTitle ?? '';
        if (normalizeTitle(got) === normalizeTitle(expected.title)) tally.title[0]!++;
        else
          misses.push(`title ${name}: expected ${JSON.stringify(expected.title)} got ${JSON.stringify(got)}`);
      }
      if (expected.lang) {
        tally.lang[1]!++;
        const got = analysis.technicalSeo.language.value ?? '';
        if (got.toLowerCase() === expected.lang.toLowerCase()) tally.lang[0]!++;
        else misses.push(`lang ${name}: expected ${expected.lang} got ${got}`);
      }
      if (expected.publishedTime) {
        tally.published[1]!++;
        const got = analysis.contentQuality.published?.iso ?? null;
        if (got !== null && sameSecond(got, toIsoDate(expected.publishedTime))) tally.published[0]!++;
        else misses.push(`published ${name}: expected ${expected.publishedTime} got ${got}`);
      }
    }
    console.log(
      `corpus agreement over ${dirs.length} pages: title ${rate(tally.title[0]!, tally.title[1]!)}, ` +
        `language ${rate(tally.lang[0]!, tally.lang[1]!)}, published time ${rate(tally.published[0]!, tally.published[1]!)}`,
    );
    if (misses.length) console.log(misses.join('\n'));
    for (const [agree = 0, total = 0] of Object.values(tally)) {
      expect(total).toBeGreaterThan(0);
      expect(agree / total).toBeGreaterThanOrEqual(0.95);
    }
  });
});
