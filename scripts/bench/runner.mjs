// Benchmark 1: the runner against its theoretical bound (rate limits and latency), PostgreSQL and PGlite.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeServerProcess } from './lib/fake-server.mjs';
import { CHILDREN, dist } from './lib/paths.mjs';
import { freshCitebotsDatabase } from './lib/postgres.mjs';
import { runNodeChild } from './lib/proc.mjs';
import { judge, summarize } from './lib/stats.mjs';
import { CLI_SHARED_BUFFERS, PLATFORMS, WORKER_V8_FLAGS } from './lib/workload.mjs';

const QUERIES = 250;
const LATENCY_MS = 100;
/** Per platform account: 3,000 requests per minute (50/s, one every 20 ms). */
const RPM = 3_000;
const CONCURRENCY = 30;
/** The fake server enforces 10 % above the configured rate, per key, over one-second windows. */
const SERVER_LIMIT_PER_SECOND = 55;
/** A repetition that takes longer than this is stopped and counted as a failure. */
const TIMEOUT_MS = 60_000;

export function runnerBound() {
  const perPlatformRate = QUERIES / (RPM / 60);
  const latencyBound = (QUERIES * PLATFORMS.length * LATENCY_MS) / 1000 / CONCURRENCY;
  return { seconds: Math.max(perPlatformRate, latencyBound), perPlatformRate, latencyBound };
}

/**
 * An embedded database folder as a user has it after their first command: created and migrated by
 * another process, so the worker opens an existing folder (no initdb in the measured process).
 */
async function freshEmbeddedDir() {
  const dir = mkdtempSync(join(tmpdir(), 'citebots-bench-pglite-'));
  const code = `const { openDatabase } = await import(${JSON.stringify(dist('sdk'))});
    const db = await openDatabase({ dataDir: ${JSON.stringify(dir)}, env: {} }); await db.close();`;
  execFileSync(process.execPath, ['--input-type=module', '-e', code], { stdio: 'inherit' });
  return dir;
}

/** One more PostgreSQL run with every statement counted and timed: where the time above goes. */
async function profileRun(server, log) {
  await server.reset();
  const fresh = await freshCitebotsDatabase('runner_profile');
  try {
    const run = await runNodeChild(
      join(CHILDREN, 'runner-worker.mjs'),
      {
        fakeUrl: server.url,
        dbUrl: fresh.url,
        v8Flags: WORKER_V8_FLAGS,
        queries: QUERIES,
        concurrency: CONCURRENCY,
        requestsPerMinute: Object.fromEntries(PLATFORMS.map((p) => [p, RPM])),
        profile: true,
      },
      { timeoutMs: TIMEOUT_MS },
    );
    log(
      `runner profile: ${run.result.statements.length} statement kinds, work ${(run.result.workMs / 1000).toFixed(2)} s`,
    );
    return run.result;
  } finally {
    await fresh.drop();
  }
}

export async function benchRunner({ reps, log }) {
  const bound = runnerBound();
  const server = await startFakeServerProcess({
    brands: ['Acme Analytics', 'Globex Metrics', 'Initech Insights'],
    latency: { fixedMs: LATENCY_MS },
    rateLimits: { requestsPerMinute: SERVER_LIMIT_PER_SECOND, windowMs: 1_000, perKey: true },
  });
  const lines = [];
  let profile = null;
  try {
    for (const kind of ['postgres', 'pglite']) {
      const runs = [];
      for (let i = 0; i < reps; i++) {
        await server.reset();
        const fresh = kind === 'postgres' ? await freshCitebotsDatabase('runner') : null;
        const dataDir = kind === 'pglite' ? await freshEmbeddedDir() : null;
        try {
          const run = await runNodeChild(
            join(CHILDREN, 'runner-worker.mjs'),
            {
              fakeUrl: server.url,
              dbUrl: fresh?.url ?? null,
              dataDir,
              sharedBuffers: dataDir ? CLI_SHARED_BUFFERS : undefined,
              v8Flags: WORKER_V8_FLAGS,
              queries: QUERIES,
              concurrency: CONCURRENCY,
              requestsPerMinute: Object.fromEntries(PLATFORMS.map((p) => [p, RPM])),
            },
            { timeoutMs: TIMEOUT_MS },
          );
          const stats = await server.stats();
          const r = run.result;
          runs.push({
            ...r,
            wallMs: run.wallMs,
            server: {
              answered: stats.answered,
              rateLimited: stats.rateLimited,
              maxInFlight: stats.maxInFlight,
              byKey: stats.byKey,
            },
          });
          if (r.completed !== QUERIES * PLATFORMS.length)
            throw new Error(
              `completed ${r.completed} of ${QUERIES * PLATFORMS.length} (${r.failed} failed, status ${r.status})`,
            );
          log(
            `runner ${kind} #${i + 1}: work ${(r.workMs / 1000).toFixed(2)} s, ${r.completed} done, ${stats.rateLimited} 429s, RSS ${r.maxRssMb.toFixed(0)} MB`,
          );
        } catch (error) {
          const message = String(error.message).split('\n')[0];
          runs.push({ error: message });
          log(`runner ${kind} #${i + 1}: FAILED ${message}`);
          // A stuck run would only burn the time budget again: not repeated.
          break;
        } finally {
          await fresh?.drop();
          if (dataDir) rmSync(dataDir, { recursive: true, force: true });
        }
      }
      const ok = runs.filter((r) => !r.error);
      // A failed repetition (timeout, items left undone) counts as infinitely slow.
      const work = summarize(runs.map((r) => (r.error ? Number.POSITIVE_INFINITY : r.workMs / 1000)));
      const rss = summarize(ok.map((r) => r.maxRssMb));
      lines.push({
        kind,
        work,
        ratio: summarize(
          runs.map((r) => (r.error ? Number.POSITIVE_INFINITY : r.workMs / 1000 / bound.seconds)),
        ),
        rss,
        submit: summarize(ok.map((r) => r.submitMs / 1000)),
        cpu: summarize(ok.filter((r) => r.cpuMs != null).map((r) => r.cpuMs / 1000)),
        rateLimited: ok.map((r) => r.server.rateLimited),
        errors: runs.filter((r) => r.error).map((r) => r.error),
        runs,
      });
    }
    profile = await profileRun(server, log).catch((error) => ({
      error: String(error.message).split('\n')[0],
    }));
  } finally {
    await server.close();
  }
  return {
    id: 'runner',
    profile,
    setup: {
      queries: QUERIES,
      platforms: PLATFORMS,
      latencyMs: LATENCY_MS,
      rpm: RPM,
      concurrency: CONCURRENCY,
      serverLimitPerSecond: SERVER_LIMIT_PER_SECOND,
      workerV8Flags: WORKER_V8_FLAGS,
    },
    bound,
    lines: lines.map((l) => ({
      ...l,
      timeVerdict: judge(l.ratio.median, 1.05, 'max'),
      rssVerdict: l.rss ? judge(l.rss.max, 200, 'max') : 'MISS',
    })),
  };
}
