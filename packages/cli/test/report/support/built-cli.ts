import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const REPO = resolve(CLI_ROOT, '../..');

function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function stale(pkg: string, builtFile: string): boolean {
  const built = join(REPO, 'packages', pkg, builtFile);
  return !existsSync(built) || statSync(built).mtimeMs < newest(join(REPO, 'packages', pkg, 'src'));
}

/**
 * oclif loads commands from the CLI's dist/ (as the installed binary does); build the SDK and the
 * CLI first when their dist is missing or older than their sources (CI builds before testing).
 */
export function ensureBuiltCli(): string {
  const pnpm = process.env.npm_execpath?.includes('pnpm') ? process.env.npm_execpath : 'pnpm';
  for (const [pkg, file, name] of [
    ['sdk', 'dist/index.js', '@citebots/sdk'],
    ['plugin-perplexity', 'dist/index.js', '@citebots/plugin-perplexity'],
    ['plugin-chatgpt', 'dist/index.js', '@citebots/plugin-chatgpt'],
    ['plugin-claude', 'dist/index.js', '@citebots/plugin-claude'],
    ['plugin-gemini', 'dist/index.js', '@citebots/plugin-gemini'],
    ['cli', 'dist/commands/report.js', '@citebots/cli'],
  ] as const) {
    if (stale(pkg, file)) execFileSync(pnpm, ['--filter', name, 'build'], { cwd: REPO, stdio: 'ignore' });
  }
  return CLI_ROOT;
}
