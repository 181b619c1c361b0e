// One benchmark run of our runner in its own process: opens the database (PostgreSQL URL or an
// embedded PGlite folder), submits `queries` x 3 platforms, and runs one worker until the run is done.
// `v8Flags` (optional): V8 flags set first thing, as a worker process sets them for itself.
// The pool: as many connections as `citebots worker` opens (packages/cli/src/services/worker-pool-size.ts).
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { childArgs, sendResult } from '../lib/child-result.mjs';
import { countStatements } from '../lib/counted-db.mjs';
import { dist } from '../lib/paths.mjs';
import { CLIENT, createPlatforms, PLATFORMS, queries } from '../lib/workload.mjs';

const args = childArgs();
// No compile cache: `citebots worker` does not enable it (packages/cli/bin/run.js), to keep ~6 MB
// of cached code out of a long-running process.
for (const flag of args.v8Flags ?? []) setFlagsFromString(flag);
const t0 = performance.now();
const sdk = await import(dist('sdk'));
const platforms = await createPlatforms(args.fakeUrl);
const opened = await sdk.openDatabase(
  args.dbUrl
    ? { url: args.dbUrl, maxConnections: args.maxConnections ?? Math.min(4, args.concurrency + 1) }
    : { dataDir: args.dataDir ?? 'memory://', env: {}, sharedBuffers: args.sharedBuffers },
);
const counter = args.profile ? countStatements(opened) : null;
const db = counter?.db ?? opened;
const tOpen = performance.now();
if (counter) counter.state.phase = 'submit';
const { run } = await sdk.submitRun(db, {
  client: sdk.clientProfileSchema.parse(CLIENT),
  queries: queries(args.queries),
  options: {
    platforms: PLATFORMS,
    concurrency: args.concurrency,
    maxAttempts: 5,
    requestsPerMinute: args.requestsPerMinute ?? {},
  },
});
const tSubmit = performance.now();
if (counter) {
  counter.state.phase = 'worker';
  counter.state.transactions = 0;
}
let retries = 0;
const stats = await sdk.runWorker({
  db,
  platforms,
  runId: run.id,
  concurrency: args.concurrency,
  stopWhenIdle: true,
  pollMs: 50,
  sharedRateLimits: args.sharedRateLimits !== false,
  rateLimitBurst: 1,
  onEvent: (e) => {
    if (e.type === 'item-retry') retries++;
  },
});
const tWork = performance.now();
const cpu = process.cpuUsage();
const finished = await sdk.getRun(db, run.id);
await db.close();
sendResult({
  startupMs: tOpen - t0,
  submitMs: tSubmit - tOpen,
  workMs: tWork - tSubmit,
  totalMs: performance.now() - t0,
  cpuMs: (cpu.user + cpu.system) / 1000,
  completed: stats.completed,
  failed: stats.failed,
  retries,
  status: finished.status,
  statements: counter?.perJob(stats.completed).filter((x) => x.sql.startsWith('worker')) ?? null,
  transactionsPerItem: counter ? counter.state.transactions / stats.completed : null,
});
