#!/usr/bin/env node
import { createRequire, enableCompileCache } from 'node:module';
import { setFlagsFromString } from 'node:v8';

const command = process.argv[2] ?? '';
// Start-up speed (`citebots status` should answer in well under a second):
// - Node's on-disk compile cache: later runs skip compiling the CLI's and its dependencies' code.
//   Off with NODE_DISABLE_COMPILE_CACHE=1; the folder is os.tmpdir()/node-compile-cache. Not for
//   `worker`: a worker runs for hours, and the cache it loads stays resident (a few MB; its peak was
//   about 6 MB higher in `pnpm bench`) to save it a tenth of a second once.
if (command !== 'worker') enableCompileCache?.();
// - The embedded database is PostgreSQL compiled to WebAssembly. V8 soon recompiles its busiest
//   functions with the optimising compiler, which costs a one-shot command more CPU than it saves
//   (half a second for `status`); a 100x budget leaves that to processes that run long enough to
//   profit (a worker's hot functions still get there).
setFlagsFromString('--wasm-tiering-budget=1300000000');
// - V8 checks each WebAssembly function when it first runs instead of all 9 MB of them before the
//   module starts (PGlite's instantiation ended 20 to 60 ms sooner in isolated runs; small beside a
//   whole `status`); the module is PGlite's own, shipped with the package.
setFlagsFromString('--wasm-lazy-validation');
// Memory of long-running commands (a worker stays near 105 MB instead of 160): the young generation
// keeps its start size, and the old one grows to 1.2x what is live between full collections
// instead of doubling. Same speed in `pnpm bench` (scripts/bench/promptfoo.mjs measures with these).
if (['worker', 'analyze', 'demo'].includes(command)) {
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--heap-growing-percent=20');
}

// oclif's execute entry alone (its root entry loads a third more modules than a command needs),
// required: it is CommonJS, which import() would first scan for ES module syntax and exports.
const { execute } = createRequire(import.meta.url)('@oclif/core/execute');
await execute({ dir: import.meta.url });
