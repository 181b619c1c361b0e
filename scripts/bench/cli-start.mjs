// Benchmark 5: CLI cold start, median wall time of separate processes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dist, ROOT } from './lib/paths.mjs';
import { freshCitebotsDatabase } from './lib/postgres.mjs';
import { measure } from './lib/proc.mjs';
import { judge, summarize } from './lib/stats.mjs';
import { CLI_READER_SHARED_BUFFERS, WORKER_V8_FLAGS } from './lib/workload.mjs';

const RUNS = 20;
const BIN = join(ROOT, 'packages', 'cli', 'bin', 'run.js');

async function timeIt(args, env, { runs = RUNS, expectCodes = [0] } = {}) {
  const walls = [];
  for (let i = 0; i < runs; i++) {
    const merged = { ...process.env, ...env };
    for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
    const r = await measure(process.execPath, args, { env: merged, cwd: ROOT, sampleMs: 10 });
    if (!expectCodes.includes(r.code))
      throw new Error(`${args.join(' ')} exited ${r.code}: ${r.stderr.slice(-800)}`);
    walls.push(r.wallMs);
  }
  return summarize(walls);
}

/** Puts one queued run (3 queries on one platform) in a database, so that `status` has a run to show. */
async function addRun(options) {
  const sdk = await import(dist('sdk'));
  const db = await sdk.openDatabase({ ...options, env: {}, maxConnections: 1 });
  try {
    await sdk.submitRun(db, {
      client: sdk.parseClientProfile({ name: 'Knak', domain: 'knak.com' }),
      queries: sdk.toQueryInputs([
        { text: 'best email builder?' },
        { text: 'email tools for Marketo?' },
        { text: 'email QA tools?' },
      ]),
      options: { platforms: ['perplexity'] },
    });
  } finally {
    await db.close();
  }
}

/** Breakdown: what a bare Node, the CLI framework and opening the embedded database cost alone. */
async function breakdown(dataDir, log) {
  const cli = join(ROOT, 'packages', 'cli');
  const sdk = join(ROOT, 'packages', 'sdk', 'dist', 'index.js');
  const entry = (name) => JSON.stringify(join(ROOT, 'packages', 'sdk', 'dist', 'entries', `${name}.js`));
  const items = {
    'node -e "" (bare Node start)': ['-e', ''],
    'import @oclif/core': [
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(join(cli, 'node_modules', '@oclif', 'core', 'lib', 'index.js'))})`,
    ],
    'import @citebots/sdk (dist)': ['--input-type=module', '-e', `await import(${JSON.stringify(sdk)})`],
    'import the status command module (dist/commands/status.js) and what it imports': [
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(join(cli, 'dist', 'commands', 'status.js'))})`,
    ],
    'import the light SDK entries the status command starts with (@citebots/sdk/storage, /runs, /errors)': [
      '--input-type=module',
      '-e',
      `await import(${entry('storage')}); await import(${entry('runs')}); await import(${entry('errors')});`,
    ],
    'import @citebots/sdk/metrics (loaded by status once there is a run)': [
      '--input-type=module',
      '-e',
      `await import(${entry('metrics')});`,
    ],
    'openDatabase on the embedded dir (PGlite), then close': [
      '--input-type=module',
      '-e',
      `const { openDatabase } = await import(${JSON.stringify(sdk)}); const db = await openDatabase({ dataDir: ${JSON.stringify(dataDir)}, env: {} }); await db.close();`,
    ],
    [`the same open as status does it (sharedBuffers ${CLI_READER_SHARED_BUFFERS}, the wasm flags of bin/run.js)`]:
      [
        ...WORKER_V8_FLAGS.filter((f) => f.startsWith('--wasm-')),
        '--input-type=module',
        '-e',
        `const { openDatabase } = await import(${entry('storage')}); const db = await openDatabase({ dataDir: ${JSON.stringify(dataDir)}, env: {}, sharedBuffers: ${JSON.stringify(CLI_READER_SHARED_BUFFERS)} }); await db.close();`,
      ],
  };
  const out = {};
  for (const [name, args] of Object.entries(items)) {
    out[name] = await timeIt(args, {}, { runs: 5 });
    log(`cli breakdown ${name}: ${out[name].median.toFixed(0)} ms`);
  }
  return out;
}

export async function benchCliStart({ log }) {
  const manifest = existsSync(join(ROOT, 'packages', 'cli', 'oclif.manifest.json'));
  const dir = mkdtempSync(join(tmpdir(), 'citebots-bench-cli-'));
  const dataDir = join(dir, 'db');
  const fresh = await freshCitebotsDatabase('cli');
  const lines = [];
  try {
    lines.push({ name: 'citebots --help', wall: await timeIt([BIN, '--help'], {}) });
    log(`cli --help: ${lines.at(-1).wall.median.toFixed(0)} ms`);
    // `status` exits 8 (no runs yet) on an empty database: still a full start, open and query.
    const first = await timeIt(
      [BIN, 'status'],
      { CITEBOTS_DATA_DIR: dataDir, DATABASE_URL: undefined },
      { runs: 1, expectCodes: [0, 8] },
    );
    lines.push({
      name: 'citebots status, first run (creates and migrates the embedded database)',
      wall: first,
      once: true,
    });
    lines.push({
      name: 'citebots status (embedded PGlite, existing dir)',
      wall: await timeIt(
        [BIN, 'status'],
        { CITEBOTS_DATA_DIR: dataDir, DATABASE_URL: undefined },
        { expectCodes: [0, 8] },
      ),
    });
    log(`cli status pglite: ${lines.at(-1).wall.median.toFixed(0)} ms`);
    lines.push({
      name: 'citebots status (DATABASE_URL, PostgreSQL)',
      wall: await timeIt([BIN, 'status'], { DATABASE_URL: fresh.url }, { expectCodes: [0, 8] }),
    });
    log(`cli status postgres: ${lines.at(-1).wall.median.toFixed(0)} ms`);
    // The same two with one run to show: status then also loads the metrics code and computes them.
    await addRun({ url: null, dataDir });
    await addRun({ url: fresh.url });
    lines.push({
      name: 'citebots status (embedded PGlite, one run of 3 queued items)',
      wall: await timeIt([BIN, 'status'], { CITEBOTS_DATA_DIR: dataDir, DATABASE_URL: undefined }),
    });
    log(`cli status pglite, one run: ${lines.at(-1).wall.median.toFixed(0)} ms`);
    lines.push({
      name: 'citebots status (DATABASE_URL, PostgreSQL, one run of 3 queued items)',
      wall: await timeIt([BIN, 'status'], { DATABASE_URL: fresh.url }),
    });
    log(`cli status postgres, one run: ${lines.at(-1).wall.median.toFixed(0)} ms`);
    const parts = await breakdown(dataDir, log);
    return {
      id: 'cli',
      manifest,
      hyperfine: hasHyperfine(),
      runs: RUNS,
      lines: lines.map((l) => ({ ...l, verdict: l.once ? null : judge(l.wall.median, 300, 'max') })),
      breakdown: parts,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await fresh.drop();
  }
}

function hasHyperfine() {
  try {
    execFileSync('hyperfine', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
