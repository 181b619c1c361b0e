import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['citebots-source'] },
  ssr: { resolve: { conditions: ['citebots-source'] } },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
