// Benchmark 3: claim-plus-complete throughput, one item at a time, ours vs pg-boss, 1/4/8 processes.
import { join } from 'node:path';
import { runTogether } from './lib/barrier.mjs';
import { CHILDREN, dist, peer } from './lib/paths.mjs';
import { freshCitebotsDatabase, freshDatabase } from './lib/postgres.mjs';
import { runNodeChild } from './lib/proc.mjs';
import { judge, summarize } from './lib/stats.mjs';
import { CLIENT, queries } from './lib/workload.mjs';

// Enough jobs that every worker spends most of its time in the loop, not warming up: with 1,000 jobs,
// 8 processes did 125 jobs each (about 2 s in all), and a process's first 125 jobs cost it about
// twice the CPU of later ones (measured: 143 ms vs about 75 ms for ours, JIT and first plans on a new
// server connection), on both sides.
const JOBS = 4_000;
const WORKERS = [1, 4, 8];
const QUEUE = 'bench';

async function prepareOurs() {
  const fresh = await freshCitebotsDatabase('queue_ours');
  const sdk = await import(dist('sdk'));
  const db = await sdk.openDatabase({ url: fresh.url, migrate: false, maxConnections: 1 });
  try {
    await sdk.submitRun(db, {
      client: sdk.clientProfileSchema.parse(CLIENT),
      queries: queries(JOBS),
      options: { platforms: ['noop'] },
    });
  } finally {
    await db.close();
  }
  return fresh;
}

async function preparePgBoss() {
  const fresh = await freshDatabase('queue_pgboss');
  const { PgBoss } = await import(`${peer('pg-boss')}/dist/index.js`);
  const boss = new PgBoss({ connectionString: fresh.url, max: 2, supervise: false, schedule: false });
  boss.on('error', () => {});
  await boss.start();
  await boss.createQueue(QUEUE);
  await boss.insert(
    QUEUE,
    Array.from({ length: JOBS }, (_, i) => ({ data: { i } })),
  );
  await boss.stop({ graceful: false, wait: true }).catch(() => {});
  return fresh;
}

/** kind: 'ours' (completion claims the next item), 'oursTwo' (claim, then complete), 'pgboss'. */
async function one(kind, workers) {
  const fresh = kind === 'pgboss' ? await preparePgBoss() : await prepareOurs();
  try {
    const script = join(CHILDREN, kind === 'pgboss' ? 'queue-pgboss.mjs' : 'queue-ours.mjs');
    const args = { dbUrl: fresh.url, queue: QUEUE, twoStatements: kind === 'oursTwo' };
    const { goAt, results } = await runTogether(script, () => args, workers);
    const done = results.reduce((n, r) => n + r.done, 0);
    if (done !== JOBS) throw new Error(`${kind} with ${workers} workers completed ${done} of ${JOBS}`);
    const seconds = (Math.max(...results.map((r) => r.endAt)) - goAt) / 1000;
    return done / seconds;
  } finally {
    await fresh.drop();
  }
}

const PROFILE_JOBS = 300;

/** One worker of ours with every statement counted and timed (the cause of the figures above). */
async function profileOurs() {
  const fresh = await freshCitebotsDatabase('queue_profile');
  try {
    const sdk = await import(dist('sdk'));
    const db = await sdk.openDatabase({ url: fresh.url, migrate: false, maxConnections: 1 });
    try {
      await sdk.submitRun(db, {
        client: sdk.clientProfileSchema.parse(CLIENT),
        queries: queries(PROFILE_JOBS),
        options: { platforms: ['noop'] },
      });
    } finally {
      await db.close();
    }
    return (await runNodeChild(join(CHILDREN, 'queue-profile.mjs'), { dbUrl: fresh.url })).result;
  } finally {
    await fresh.drop();
  }
}

export async function benchQueue({ reps, log }) {
  const lines = [];
  for (const workers of WORKERS) {
    const ours = [];
    const two = [];
    const boss = [];
    for (let i = 0; i < reps; i++) {
      ours.push(await one('ours', workers));
      boss.push(await one('pgboss', workers));
      two.push(await one('oursTwo', workers));
      log(
        `queue ${workers} worker(s) #${i + 1}: ours ${ours.at(-1).toFixed(0)} jobs/s (claim, then complete: ${two.at(-1).toFixed(0)}), pg-boss ${boss.at(-1).toFixed(0)} jobs/s`,
      );
    }
    const ratio = summarize(ours.map((v, i) => v / boss[i]));
    lines.push({
      workers,
      ours: summarize(ours),
      oursTwo: summarize(two),
      ratioTwo: summarize(two.map((v, i) => v / boss[i])),
      pgboss: summarize(boss),
      ratio,
      verdict: judge(ratio.median, 1.0, 'min'),
    });
  }
  const profile = await profileOurs();
  log(
    `queue profile: claim ${profile.claimMsPerJob.toFixed(1)} ms + complete ${profile.completeMsPerJob.toFixed(1)} ms per job`,
  );
  return { id: 'queue', setup: { jobs: JOBS, workers: WORKERS }, lines, profile };
}
