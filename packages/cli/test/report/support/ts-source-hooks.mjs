// Node module hooks for the CLI tests: oclif imports command files with Node's own loader, not
// through vitest. These hooks let that loader run the workspace's TypeScript sources directly:
// `./x.js` imports resolve to `./x.ts`, and `.ts` files are transpiled by Node itself
// (module.stripTypeScriptTypes in transform mode, which also handles parameter properties).
import { readFile } from 'node:fs/promises';
import { stripTypeScriptTypes } from 'node:module';
import { fileURLToPath } from 'node:url';

const isWorkspaceTs = (url) =>
  url.startsWith('file:') &&
  url.includes('/packages/') &&
  url.endsWith('.ts') &&
  !url.includes('/node_modules/');

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const parent = context.parentURL ?? '';
    if (specifier.startsWith('.') && specifier.endsWith('.js') && isWorkspaceTs(parent)) {
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
    throw error;
  }
}

export async function load(url, context, nextLoad) {
  if (!isWorkspaceTs(url)) return nextLoad(url, context);
  const source = await readFile(fileURLToPath(url), 'utf8');
  return {
    format: 'module',
    source: stripTypeScriptTypes(source, { mode: 'transform', sourceMap: true, sourceUrl: url }),
    shortCircuit: true,
  };
}
