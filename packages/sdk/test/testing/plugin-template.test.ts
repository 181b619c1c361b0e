/**
 * Proves that examples/plugin-template works: its plugin passes the conformance suite against its own
 * fake endpoint. The template lives outside the workspace, so this links its two dependencies
 * (`@citebots/sdk`, `zod`) to the workspace copies in its git-ignored node_modules, as an install would.
 */
import { existsSync, mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlatformPlugin } from '../../src/index.js';
import {
  type ConformanceEndpoint,
  type ConformanceScenario,
  describePlatformConformance,
} from '../../src/testing/index.js';

const sdkDir = fileURLToPath(new URL('../../', import.meta.url));
const templateDir = fileURLToPath(new URL('../../../../examples/plugin-template/', import.meta.url));

function link(name: string, target: string): void {
  const path = join(templateDir, 'node_modules', name);
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  try {
    symlinkSync(target, path, 'dir');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

link('@citebots/sdk', sdkDir);
link('zod', realpathSync(join(sdkDir, 'node_modules', 'zod')));

// Non-literal specifiers: typecheck does not follow them (the links above exist only once this runs).
const templateModule = (file: string) => join(templateDir, file);
const { default: acmePlugin } = (await import(templateModule('src/index.ts'))) as {
  default: PlatformPlugin<{ baseUrl?: string; apiKey?: string }>;
};
const { startFakeAcmeEndpoint } = (await import(templateModule('test/fake-acme-endpoint.ts'))) as {
  startFakeAcmeEndpoint: (scenario: () => ConformanceScenario) => Promise<ConformanceEndpoint>;
};

describePlatformConformance({
  name: 'acme',
  createPlatform: ({ baseUrl, apiKey }) => acmePlugin.create({ baseUrl, apiKey }, {}),
  startEndpoint: startFakeAcmeEndpoint,
});
