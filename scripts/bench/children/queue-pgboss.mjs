// One pg-boss worker: fetch 1 job, complete it, repeat until the queue is empty.
import { waitForGo } from '../lib/barrier.mjs';
import { childArgs, sendResult } from '../lib/child-result.mjs';
import { peer } from '../lib/paths.mjs';

const args = childArgs();
const { PgBoss } = await import(`${peer('pg-boss')}/dist/index.js`);
const boss = new PgBoss({
  connectionString: args.dbUrl,
  max: 2,
  supervise: false,
  schedule: false,
  migrate: false,
});
boss.on('error', () => {});
await boss.start();
await waitForGo();
let done = 0;
for (;;) {
  const [job] = await boss.fetch(args.queue, { batchSize: 1 });
  if (!job) break;
  await boss.complete(args.queue, job.id);
  done++;
}
const endAt = Date.now();
await boss.stop({ graceful: false, wait: false }).catch(() => {});
sendResult({ done, endAt });
process.exit(0);
