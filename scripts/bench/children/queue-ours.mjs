// One queue worker of ours, holding one item at a time until nothing is left. Each completion (a
// no-op result; the result row insert included) claims the worker's next item in the same
// statement (`completeItem` with `claimNext`): one round trip per job. With `twoStatements`, the
// worker claims with `claimItems` and completes with `completeItem`, two round trips per job.
import { waitForGo } from '../lib/barrier.mjs';
import { childArgs, sendResult } from '../lib/child-result.mjs';
import { NOOP_RESULT } from '../lib/noop-result.mjs';
import { dist } from '../lib/paths.mjs';
import { CLIENT } from '../lib/workload.mjs';

const args = childArgs();
const sdk = await import(dist('sdk'));
const db = await sdk.openDatabase({ url: args.dbUrl, migrate: false, maxConnections: 2 });
await db.query('SELECT 1');
const client = sdk.clientProfileSchema.parse(CLIENT);
const workerId = `bench-${process.pid}`;
const claim = { platforms: ['noop'], leaseMs: 60_000 };
const options = { accountKey: 'noop', ...(args.twoStatements ? {} : { claimNext: claim }) };
const claimOne = async () => (await sdk.claimItems(db, { workerId, limit: 1, ...claim }))[0];
await waitForGo();
let done = 0;
let item = await claimOne();
while (item) {
  const outcome = await sdk.completeItem(db, item, NOOP_RESULT, client, options);
  if (outcome.accepted) done++;
  item = args.twoStatements ? await claimOne() : outcome.next;
}
const endAt = Date.now();
await db.close();
sendResult({ done, endAt });
process.exit(0);
