// Where a claim + complete spends its time: one worker, every statement counted and timed.
import { performance } from 'node:perf_hooks';
import { childArgs, sendResult } from '../lib/child-result.mjs';
import { countStatements } from '../lib/counted-db.mjs';
import { NOOP_RESULT } from '../lib/noop-result.mjs';
import { dist } from '../lib/paths.mjs';
import { CLIENT } from '../lib/workload.mjs';

const args = childArgs();
const sdk = await import(dist('sdk'));
const raw = await sdk.openDatabase({ url: args.dbUrl, migrate: false, maxConnections: 2 });
const client = sdk.clientProfileSchema.parse(CLIENT);
const counter = countStatements(raw);
const db = counter.db;
let claimMs = 0;
let completeMs = 0;
let jobs = 0;
for (;;) {
  counter.state.phase = 'claim';
  let t = performance.now();
  const [item] = await sdk.claimItems(db, {
    workerId: 'profile',
    limit: 1,
    platforms: ['noop'],
    leaseMs: 60_000,
  });
  claimMs += performance.now() - t;
  if (!item) break;
  counter.state.phase = 'complete';
  t = performance.now();
  await sdk.completeItem(db, item, NOOP_RESULT, client, { accountKey: 'noop' });
  completeMs += performance.now() - t;
  jobs++;
}
await raw.close();
sendResult({
  jobs,
  claimMsPerJob: claimMs / jobs,
  completeMsPerJob: completeMs / jobs,
  transactionsPerJob: counter.state.transactions / jobs,
  statements: counter.perJob(jobs),
});
