import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR } from './paths.mjs';

/** The corpus page names (folders with a source.html), or null when the corpus is absent. */
export function corpusPages(dir = CORPUS_DIR) {
  if (!existsSync(dir)) return null;
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'source.html')))
    .map((d) => d.name)
    .sort();
}

/** Every page's HTML in memory, read before any timing starts. */
export function loadCorpus(dir = CORPUS_DIR) {
  return corpusPages(dir).map((name) => {
    const buffer = readFileSync(join(dir, name, 'source.html'));
    return { name, bytes: buffer.length, html: buffer.toString('utf8') };
  });
}
