// Benchmark 2: the same 750 calls through our runner and through promptfoo, side by side.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeServerProcess } from './lib/fake-server.mjs';
import { CHILDREN, peerBin } from './lib/paths.mjs';
import { freshCitebotsDatabase } from './lib/postgres.mjs';
import { measure, runNodeChild } from './lib/proc.mjs';
import { promptfooEnv, writePromptfooConfig } from './lib/promptfoo-config.mjs';
import { judge, summarize } from './lib/stats.mjs';
import { PLATFORMS, WORKER_V8_FLAGS } from './lib/workload.mjs';

const QUERIES = 250;
const LATENCY_MS = 100;
const CONCURRENCY = 20;

async function ours(server) {
  const fresh = await freshCitebotsDatabase('vs_promptfoo');
  try {
    const run = await runNodeChild(
      join(CHILDREN, 'runner-worker.mjs'),
      {
        fakeUrl: server.url,
        dbUrl: fresh.url,
        queries: QUERIES,
        concurrency: CONCURRENCY,
        sharedRateLimits: false,
        v8Flags: WORKER_V8_FLAGS,
      },
      { timeoutMs: 120_000 },
    );
    const r = run.result;
    if (r.completed !== QUERIES * PLATFORMS.length) throw new Error(`ours completed ${r.completed}`);
    return { wallMs: run.wallMs, peakMb: Math.max(r.maxRssMb, run.peakTreeMb), workMs: r.workMs };
  } finally {
    await fresh.drop();
  }
}

async function promptfoo(server) {
  const cfg = writePromptfooConfig(server.url, QUERIES);
  try {
    const args = ['eval', '-c', cfg.file, '--max-concurrency', String(CONCURRENCY), '--no-cache'];
    const run = await measure(
      peerBin('promptfoo'),
      [...args, '--no-progress-bar', '--no-table', '-o', cfg.output],
      {
        env: promptfooEnv(cfg.dir),
        timeoutMs: 180_000,
      },
    );
    const passed = /(\d+) passed/.exec(run.stdout)?.[1];
    if (run.code !== 0 || Number(passed) !== QUERIES * PLATFORMS.length) {
      throw new Error(`promptfoo failed (exit ${run.code}, ${passed} passed): ${run.stderr.slice(-1500)}`);
    }
    return { wallMs: run.wallMs, peakMb: run.peakTreeMb };
  } finally {
    rmSync(cfg.dir, { recursive: true, force: true });
  }
}

export async function benchPromptfoo({ reps, log }) {
  const server = await startFakeServerProcess({ latency: { fixedMs: LATENCY_MS } });
  const runs = { ours: [], promptfoo: [] };
  const answered = [];
  try {
    for (let i = 0; i < reps; i++) {
      for (const [name, fn] of [
        ['ours', ours],
        ['promptfoo', promptfoo],
      ]) {
        await server.reset();
        let r;
        try {
          r = await fn(server);
        } catch (error) {
          r = {
            error: String(error.message).split('\n')[0],
            wallMs: Number.POSITIVE_INFINITY,
            peakMb: Number.NaN,
          };
          log(`vs promptfoo #${i + 1} ${name}: FAILED ${r.error}`);
        }
        const stats = await server.stats();
        answered.push({ name, answered: stats.answered, maxInFlight: stats.maxInFlight });
        runs[name].push(r);
        if (!r.error)
          log(
            `vs promptfoo #${i + 1} ${name}: ${(r.wallMs / 1000).toFixed(2)} s, ${r.peakMb.toFixed(0)} MB, ${stats.answered} answered, max in flight ${stats.maxInFlight}`,
          );
      }
    }
  } finally {
    await server.close();
  }
  const wall = (n) => summarize(runs[n].map((r) => r.wallMs / 1000));
  const mem = (n) => summarize(runs[n].map((r) => r.peakMb));
  const timeRatio = summarize(runs.ours.map((r, i) => r.wallMs / runs.promptfoo[i].wallMs));
  const memRatio = summarize(runs.ours.map((r, i) => r.peakMb / runs.promptfoo[i].peakMb));
  return {
    id: 'promptfoo',
    setup: {
      queries: QUERIES,
      platforms: PLATFORMS,
      latencyMs: LATENCY_MS,
      concurrency: CONCURRENCY,
      workerV8Flags: WORKER_V8_FLAGS,
      boundSeconds: (QUERIES * PLATFORMS.length * LATENCY_MS) / 1000 / CONCURRENCY,
    },
    ours: { wall: wall('ours'), mem: mem('ours'), work: summarize(runs.ours.map((r) => r.workMs / 1000)) },
    promptfoo: { wall: wall('promptfoo'), mem: mem('promptfoo') },
    timeRatio,
    memRatio,
    timeVerdict: judge(timeRatio.median, 0.5, 'max'),
    memVerdict: judge(memRatio.median, 0.4, 'max'),
    answered,
    runs,
  };
}
