import { registerHooks } from 'node:module';

/**
 * Vitest starts its workers with `--conditions citebots-source`, so a plain `import('@citebots/sdk')`
 * from the built CLI (which oclif loads with Node's own loader) would resolve to the TypeScript
 * sources. The CLI tests exercise the built CLI, so Node's loader resolves `@citebots/*` without
 * that condition (to `dist/`). Vitest's own module runner, which loads the test files, is not affected.
 */
let registered = false;

export function resolveWorkspacePackagesToDist(): void {
  if (registered) return;
  registered = true;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier.startsWith('@citebots/')) {
        return nextResolve(specifier, {
          ...context,
          conditions: context.conditions.filter((c) => c !== 'citebots-source'),
        });
      }
      return nextResolve(specifier, context);
    },
  });
}
