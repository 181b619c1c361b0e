import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { type Database, openDatabase } from '@citebots/sdk';
import { runCommand } from '@oclif/test';
import { resolveWorkspacePackagesToDist } from './built-packages.js';

resolveWorkspacePackagesToDist();

/** The CLI package: commands load from its built `dist/` (run `pnpm --filter @citebots/cli... build` first). */
export const CLI_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const REPO_ROOT = resolve(CLI_ROOT, '../..');
export const CLI_BIN = join(CLI_ROOT, 'bin/run.js');

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  error?: Error;
  result?: unknown;
}

/**
 * Runs one `citebots` command in this process through oclif's `runCommand` with the given
 * environment variables set for its duration (undefined removes one). Returns the captured
 * stdout/stderr and the exit code the command set.
 */
export async function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  process.exitCode = 0;
  // oclif prints through console.log/console.error, which vitest intercepts before runCommand's
  // capture of process.stdout/stderr can see it: send them to the streams for the command's duration.
  const { log, error } = console;
  console.log = (...a: unknown[]) => process.stdout.write(`${format(...a)}\n`);
  console.error = (...a: unknown[]) => process.stderr.write(`${format(...a)}\n`);
  try {
    const r = await runCommand(args, { root: CLI_ROOT, ignoreManifest: true });
    const exitCode =
      Number(process.exitCode ?? 0) || ((r.error as { oclif?: { exit?: number } })?.oclif?.exit ?? 0);
    return { stdout: r.stdout, stderr: r.stderr, exitCode, error: r.error, result: r.result };
  } finally {
    console.log = log;
    console.error = error;
    process.exitCode = 0;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

export function tempDir(prefix = 'citebots-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export const CLIENT = {
  name: 'Knak',
  domain: 'knak.com',
  aliases: ['Knak email'],
  industry: 'Email creation software',
  keywords: ['email creation platform'],
  competitors: [
    { name: 'Stensul', domain: 'stensul.com' },
    { name: 'Beefree', domain: 'beefree.io', aliases: ['BEE Pro'] },
    { name: 'Dyspatch', domain: 'dyspatch.io' },
  ],
};

/** Writes a client profile and a query list into `dir`; returns their paths. */
export function writeInputs(
  dir: string,
  queries: string[],
  client: unknown = CLIENT,
): { client: string; queries: string } {
  const clientPath = join(dir, 'client.json');
  const queriesPath = join(dir, 'queries.txt');
  writeFileSync(clientPath, JSON.stringify(client, null, 2));
  writeFileSync(queriesPath, `# test queries\n${queries.join('\n')}\n`);
  return { client: clientPath, queries: queriesPath };
}

/** Opens the embedded database a CLI run left in `dataDir` (after the command released it), runs `fn`, closes it. */
export async function withEmbeddedDb<T>(dataDir: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ url: null, dataDir, env: {} });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
