import { dist } from './paths.mjs';

/** The brand the simulated answers talk about. */
export const CLIENT = {
  name: 'Acme Analytics',
  domain: 'acme-analytics.example',
  aliases: ['Acme'],
  competitors: [
    { name: 'Globex Metrics', domain: 'globex.example', aliases: [] },
    { name: 'Initech Insights', domain: 'initech.example', aliases: [] },
  ],
  keywords: ['analytics'],
};

export const BRANDS = ['Acme Analytics', 'Globex Metrics', 'Initech Insights', 'Umbrella Data'];

export function queries(count) {
  return Array.from({ length: count }, (_, i) => ({
    id: `q${i + 1}`,
    text: `What is the best product analytics tool for a team of ${i + 5} people? (${i + 1})`,
    keyword: 'analytics',
    intent: 'comparison',
  }));
}

/** The three platforms of the runner benchmarks, each a real plugin pointed at the fake server. */
export const PLATFORMS = ['perplexity', 'chatgpt', 'claude'];

/** Test keys only: the fake server rate-limits each key on its own. */
export const BENCH_KEYS = {
  perplexity: 'bench-pplx-key',
  chatgpt: 'bench-openai-key',
  claude: 'bench-claude-key',
};

export async function createPlatforms(fakeUrl) {
  const [{ createPerplexityPlatform }, { createChatGptPlatform }, { createClaudePlatform }] =
    await Promise.all([
      import(dist('plugin-perplexity')),
      import(dist('plugin-chatgpt')),
      import(dist('plugin-claude')),
    ]);
  const env = {};
  const platforms = {
    perplexity: createPerplexityPlatform({ apiKey: BENCH_KEYS.perplexity, baseUrl: fakeUrl }, env),
    chatgpt: createChatGptPlatform({ apiKey: BENCH_KEYS.chatgpt, baseUrl: `${fakeUrl}/v1` }, env),
    claude: createClaudePlatform({ apiKey: BENCH_KEYS.claude, baseUrl: fakeUrl }, env),
  };
  // As the CLI does when it creates the platforms of a worker: their client libraries load while the
  // process opens its database (packages/cli/src/services/platform-registry.ts).
  const { startPreparing } = await import(dist('sdk'));
  startPreparing(Object.values(platforms));
  return platforms;
}

/**
 * V8 flags our worker process sets for itself at start-up, as `citebots worker`, `analyze` and
 * `demo` do (packages/cli/bin/run.js). The young generation stays at its start size (1 MB
 * semi-spaces) instead of growing to 2 x 16 MB, and the old generation may grow 1.2x its live size
 * between full collections (V8 picks up to 4x when it can).
 * A worker's live data is small (~15 MB) and short-lived, so both cost no measurable speed and save
 * ~30 MB of resident memory. bin/run.js also raises the WebAssembly tiering budget for every
 * command (the embedded database's code stays on V8's baseline compiler unless very hot) and has
 * V8 validate each WebAssembly function when it first runs; both only matter with PGlite.
 */
export const WORKER_V8_FLAGS = [
  '--semi-space-growth-factor=1',
  '--heap-growing-percent=20',
  '--wasm-tiering-budget=1300000000',
  '--wasm-lazy-validation',
];

/** The embedded database's buffer cache CLI commands that write open it with (CLI_EMBEDDED_SHARED_BUFFERS). */
export const CLI_SHARED_BUFFERS = '16MB';
/** The one `status`, `runs list` and `db status` open it with (CLI_READER_SHARED_BUFFERS). */
export const CLI_READER_SHARED_BUFFERS = '1MB';
