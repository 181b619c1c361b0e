import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEPS_DIR } from './paths.mjs';

/** Pinned peer tools (all declare Node >= 22 support); installed on demand, never project dependencies. */
export const PEER_VERSIONS = {
  promptfoo: '0.123.1',
  'pg-boss': '12.38.0',
  jsdom: '31.0.1',
  '@mozilla/readability': '0.6.0',
};

function installed(name) {
  const file = join(DEPS_DIR, 'node_modules', name, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : null;
}

/** Installs the pinned peers into .bench-deps (gitignored) when any is missing or at another version. */
export function ensurePeers(log) {
  const missing = Object.entries(PEER_VERSIONS).filter(([name, v]) => installed(name) !== v);
  if (missing.length === 0) return;
  mkdirSync(DEPS_DIR, { recursive: true });
  const pkg = join(DEPS_DIR, 'package.json');
  if (!existsSync(pkg)) writeFileSync(pkg, '{ "name": "citebots-bench-deps", "private": true }\n');
  const specs = Object.entries(PEER_VERSIONS).map(([name, v]) => `${name}@${v}`);
  log(`installing peers into .bench-deps: ${specs.join(' ')}`);
  execFileSync('npm', ['install', '--prefix', DEPS_DIR, '--no-save', '--no-audit', '--no-fund', ...specs], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
