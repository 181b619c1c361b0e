type VitestApi = typeof import('vitest');

/**
 * vitest is loaded only inside a vitest run (it sets `VITEST`), so `@citebots/sdk/testing` stays usable
 * from plain Node (the CLI's demo, benchmarks) without vitest installed. vitest is an optional peer.
 */
const api: VitestApi | null = process.env.VITEST ? await import('vitest') : null;

export function vitestApi(): VitestApi {
  if (!api) {
    throw new Error(
      'This @citebots/sdk/testing helper registers or asserts vitest tests: call it from a test file run by vitest (npm install -D vitest).',
    );
  }
  return api;
}
