#!/usr/bin/env node
// `pnpm bench`: every performance measurement in one go, written to docs/benchmarks.md (and the raw
// figures to docs/benchmarks.raw.json). Runs against the built packages: builds first unless --no-build.
//   --no-build         skip `pnpm build`
//   --only=a,b         run some of: runner, promptfoo, queue, citation, cli
//   --reps=N           repetitions per figure (default 3, at least 3 for the committed report)
//   --out=FILE         where to write the Markdown (default docs/benchmarks.md)
//   --from-raw         re-render the Markdown from docs/benchmarks.raw.json, measuring nothing
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { benchCitation } from './bench/citation.mjs';
import { benchCliStart } from './bench/cli-start.mjs';
import { ensurePeers } from './bench/lib/deps.mjs';
import { describeEnvironment } from './bench/lib/environment.mjs';
import { ROOT } from './bench/lib/paths.mjs';
import { benchPromptfoo } from './bench/promptfoo.mjs';
import { benchQueue } from './bench/queue.mjs';
import { renderReport } from './bench/report.mjs';
import { benchRunner } from './bench/runner.mjs';

const BENCHMARKS = {
  runner: benchRunner,
  promptfoo: benchPromptfoo,
  queue: benchQueue,
  citation: benchCitation,
  cli: benchCliStart,
};

function flag(name) {
  const hit = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (!hit) return null;
  return hit.includes('=') ? hit.slice(hit.indexOf('=') + 1) : true;
}

const reps = Number(flag('reps') ?? 3);
const only = flag('only') ? String(flag('only')).split(',') : Object.keys(BENCHMARKS);
const out = flag('out') ? String(flag('out')) : join(ROOT, 'docs', 'benchmarks.md');
const log = (line) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

if (flag('from-raw')) {
  // Re-renders the Markdown from the raw results of the last full run (no measurement).
  const raw = JSON.parse(readFileSync(join(ROOT, 'docs', 'benchmarks.raw.json'), 'utf8'));
  writeFileSync(
    out,
    renderReport(raw.results, raw.env, new Date(raw.started), new Date(raw.finished), raw.reps),
  );
  log(`re-rendered ${out} from docs/benchmarks.raw.json (run of ${raw.started})`);
  process.exit(0);
}
const started = new Date();
if (!flag('no-build')) {
  log('pnpm build');
  execFileSync('pnpm', ['build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
ensurePeers(log);
const env = await describeEnvironment();
const results = {};
for (const name of only) {
  const bench = BENCHMARKS[name];
  if (!bench) throw new Error(`unknown benchmark ${name}; pick from ${Object.keys(BENCHMARKS).join(', ')}`);
  log(`${name}: start`);
  const t = Date.now();
  try {
    results[name] = await bench({ reps, log });
  } catch (error) {
    log(`${name}: FAILED ${error.stack ?? error}`);
    results[name] = { id: name, error: String(error.message ?? error).split('\n')[0] };
  }
  log(`${name}: ${((Date.now() - t) / 1000).toFixed(0)} s`);
}
const finished = new Date();
env.loadAverageAtEnd = loadavg().map((v) => Math.round(v * 100) / 100);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, renderReport(results, env, started, finished, reps));
writeFileSync(
  join(dirname(out), out.endsWith('benchmarks.md') ? 'benchmarks.raw.json' : 'benchmarks.partial.raw.json'),
  JSON.stringify({ started, finished, reps, env, results }, null, 2),
);
log(`wrote ${out} in ${((finished - started) / 60000).toFixed(1)} min`);
