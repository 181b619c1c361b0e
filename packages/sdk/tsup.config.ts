import { defineConfig } from 'tsup';

export default defineConfig({
  entry: [
    'src/index.ts',
    'src/testing/index.ts',
    // Light sub-path entries (package.json "exports") for programs that must start fast, e.g. the CLI.
    'src/entries/errors.ts',
    'src/entries/storage.ts',
    'src/entries/runs.ts',
    'src/entries/metrics.ts',
  ],
  format: ['esm'],
  target: 'node22',
  dts: true,
  sourcemap: true,
  clean: true,
  // Code shared by several entries goes into shared chunks, so a class is one class whichever entry
  // it is imported from (instanceof holds), and each entry loads only the modules it needs.
  splitting: true,
});
