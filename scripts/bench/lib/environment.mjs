import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { DEPS_DIR, ROOT } from './paths.mjs';
import { serverVersion } from './postgres.mjs';

function version(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8')).version;
  } catch {
    return null;
  }
}

function osName() {
  try {
    const m = /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'));
    if (m) return `${m[1]} (${type()} ${release()})`;
  } catch {}
  return `${type()} ${release()}`;
}

function git(args) {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

export const OUR_PACKAGES = [
  'sdk',
  'plugin-perplexity',
  'plugin-chatgpt',
  'plugin-claude',
  'plugin-gemini',
  'citation-analyzer',
  'cli',
];
export const PEERS = ['promptfoo', 'pg-boss', 'jsdom', '@mozilla/readability'];

export async function describeEnvironment() {
  const ours = Object.fromEntries(
    OUR_PACKAGES.map((p) => {
      const pkg = JSON.parse(readFileSync(join(ROOT, 'packages', p, 'package.json'), 'utf8'));
      return [pkg.name, pkg.version];
    }),
  );
  const peers = Object.fromEntries(
    PEERS.map((p) => [p, version(join(DEPS_DIR, 'node_modules', p, 'package.json'))]),
  );
  const sdkModules = join(ROOT, 'packages', 'sdk', 'node_modules');
  const dirty = git(['status', '--porcelain', '--untracked-files=no', '--', 'packages']);
  return {
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
      os: osName(),
      loadAverageAtStart: loadavg().map((v) => Math.round(v * 100) / 100),
    },
    versions: {
      node: process.version,
      postgresql: await serverVersion().catch(() => null),
      pglite: version(join(sdkModules, '@electric-sql', 'pglite', 'package.json')),
      postgresJs: version(join(sdkModules, 'postgres', 'package.json')),
      ours,
      peers,
    },
    git: {
      commit: git(['rev-parse', '--short', 'HEAD']),
      uncommittedPackageFiles: dirty ? dirty.split('\n').map((l) => l.trim()) : [],
    },
    hyperfine: existsSync('/usr/bin/hyperfine'),
  };
}
