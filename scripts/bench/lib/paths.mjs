import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CHILDREN = join(ROOT, 'scripts', 'bench', 'children');
export const DEPS_DIR = join(ROOT, '.bench-deps');
export const CORPUS_DIR = process.env.CITEBOTS_CORPUS_DIR ?? join(ROOT, '..', 'shared', 'corpus', 'pages');

/** file:// URL of a built package entry point (the benchmarks measure dist, never src). */
export function dist(pkg, entry = 'index.js') {
  const file = join(ROOT, 'packages', pkg, 'dist', entry);
  if (!existsSync(file)) throw new Error(`${file} is missing: run pnpm build (or drop --no-build)`);
  return pathToFileURL(file).href;
}

/** file:// URL of a peer tool's module inside .bench-deps. */
export function peer(specifier) {
  return pathToFileURL(join(DEPS_DIR, 'node_modules', specifier)).href;
}

export function peerBin(name) {
  return join(DEPS_DIR, 'node_modules', '.bin', name);
}
