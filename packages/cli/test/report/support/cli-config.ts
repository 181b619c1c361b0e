import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Interfaces } from '@oclif/core';

export const CLI_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

let hooks = false;

/**
 * The oclif load options `runCommand` runs the commands with: the CLI's package.json with its commands
 * taken from src/ and any built oclif.manifest.json ignored (no build needed; the sources are tested). oclif imports them with Node's own loader, so the hooks in
 * ts-source-hooks.mjs let Node run the workspace's TypeScript.
 */
export function sourceCliConfig(): Interfaces.LoadOptions {
  if (!hooks) {
    register(pathToFileURL(join(CLI_ROOT, 'test/report/support/ts-source-hooks.mjs')).href);
    hooks = true;
  }
  const pjson = JSON.parse(readFileSync(join(CLI_ROOT, 'package.json'), 'utf8'));
  pjson.oclif = { ...pjson.oclif, commands: './src/commands' };
  return { root: CLI_ROOT, pjson, ignoreManifest: true };
}
