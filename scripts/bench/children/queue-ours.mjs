// One queue worker of ours: claim 1 item, complete it with a no-op result (the result row insert
// included), repeat until nothing is left.
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
await waitForGo();
let done = 0;
for (;;) {
  const [item] = await sdk.claimItems(db, { workerId, limit: 1, platforms: ['noop'], leaseMs: 60_000 });
  if (!item) break;
  const outcome = await sdk.completeItem(db, item, NOOP_RESULT, client, { accountKey: 'noop' });
  if (outcome.accepted) done++;
}
const endAt = Date.now();
await db.close();
sendResult({ done, endAt });
process.exit(0);
