import {
  type AnalysisPlatform,
  defaultWorkerId,
  type RunnerEvent,
  runWorker,
  type WorkerStats,
} from '@citebots/sdk';
import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { crawlFlags, createCitationHook } from '../services/citation-hook.js';
import { assertPlatformsReady, BUILT_IN_PLATFORMS, createPlatforms } from '../services/platform-registry.js';
import { waitForDatabase } from '../services/wait-for-database.js';
import { workerPoolSize } from '../services/worker-pool-size.js';

export default class Worker extends BaseCommand<typeof Worker> {
  static override summary = 'Run a worker that claims and executes queued items of every run.';
  static override description =
    'Start any number of workers, on any machines, against the same PostgreSQL or Supabase database (DATABASE_URL). ' +
    "SIGTERM or Ctrl-C releases the worker's claims at once. Items of platforms this worker has no key for are left to others.";
  static override examples = [
    'DATABASE_URL=postgres://... <%= config.bin %> worker --platform perplexity,chatgpt --concurrency 16',
  ];

  static override flags = {
    ...crawlFlags,
    platform: Flags.string({
      char: 'p',
      description:
        'Platforms to work on, comma-separated (default: every installed platform whose API key is set).',
    }),
    plugin: Flags.string({
      description: 'Load a third-party platform plugin by package name.',
      multiple: true,
    }),
    concurrency: Flags.integer({
      char: 'c',
      description: 'Calls in flight at once.',
      default: 8,
      min: 1,
      max: 256,
    }),
    run: Flags.string({ description: 'Only work on this run.' }),
    'lease-seconds': Flags.integer({
      description: 'Lease of a claimed item; a heartbeat extends it.',
      default: 60,
      min: 1,
    }),
    'poll-ms': Flags.integer({
      description: 'How often to look for work when idle.',
      default: 1000,
      min: 10,
    }),
    'exit-when-idle': Flags.boolean({ description: 'Exit once there is nothing left to claim.' }),
    'log-json': Flags.boolean({
      description:
        'Write each event as one JSON line on stderr (time, worker id, item, attempt), for log collectors.',
    }),
  };

  public async run(): Promise<WorkerStats> {
    const names = this.flags.platform
      ? this.flags.platform
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : BUILT_IN_PLATFORMS;
    let platforms = await createPlatforms(names, {
      config: this.cliConfig,
      extraPlugins: this.flags.plugin,
      source: '--platform',
    });
    if (this.flags.platform) assertPlatformsReady(platforms);
    else platforms = Object.fromEntries(Object.entries(platforms).filter(([, p]) => p.validateConfig().ok));
    if (Object.keys(platforms).length === 0) {
      assertPlatformsReady(await createPlatforms(['perplexity'], { config: this.cliConfig }));
    }
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    try {
      return await this.work(platforms, controller.signal);
    } finally {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
    }
  }

  private async work(platforms: Record<string, AnalysisPlatform>, signal: AbortSignal): Promise<WorkerStats> {
    // A worker outlives database restarts, so it also waits for a database that is not up yet.
    const db = await waitForDatabase(
      () =>
        this.database({
          applicationName: 'citebots-worker',
          maxConnections: workerPoolSize(this.flags.concurrency),
        }),
      { signal, note: (m) => this.note(m) },
    );
    // Shared per-account rate limits: citebots.config.json platforms.<name>.requestsPerMinute
    // (a run's own requestsPerMinute option wins; the platform's hint is the default).
    const requestsPerMinute = Object.fromEntries(
      Object.entries(this.cliConfig.platforms)
        .filter(([, p]) => typeof p.requestsPerMinute === 'number')
        .map(([name, p]) => [name, p.requestsPerMinute as number]),
    );
    const workerId = defaultWorkerId();
    const logJson = this.flags['log-json'];
    this.note(
      `citebots worker ${workerId}: working on ${Object.keys(platforms).join(', ')} (concurrency ${this.flags.concurrency})`,
    );
    const pages = await createCitationHook({
      enabled: this.flags.crawl,
      allowHosts: this.flags['crawl-allow-host'],
    });
    try {
      const stats = await runWorker({
        db,
        platforms,
        concurrency: this.flags.concurrency,
        runId: this.flags.run,
        leaseMs: this.flags['lease-seconds'] * 1000,
        pollMs: this.flags['poll-ms'],
        stopWhenIdle: this.flags['exit-when-idle'],
        signal,
        workerId,
        requestsPerMinute,
        afterResult: pages.hook,
        onEvent: (e) =>
          this.note(
            logJson ? JSON.stringify({ ts: new Date().toISOString(), workerId, ...e }) : describeEvent(e),
          ),
      });
      this.note(
        `citebots worker: stopped (${stats.completed} completed, ${stats.failed} failed, ${stats.retried} retried, ${stats.released} released)`,
      );
      return stats;
    } finally {
      await pages.close();
    }
  }
}

function describeEvent(e: RunnerEvent): string {
  switch (e.type) {
    case 'item-started':
      return `started   ${e.platform} ${e.queryId} (attempt ${e.attempt})`;
    case 'item-completed':
      return `completed ${e.platform} ${e.queryId} ($${e.costUsd.toFixed(4)})`;
    case 'item-retry':
      return `retry     ${e.platform} ${e.queryId} in ${e.delayMs} ms: ${e.error}`;
    case 'item-failed':
      return `failed    ${e.platform} ${e.queryId}: ${e.error}`;
    case 'platform-stopped':
      return `stopped   ${e.platform}: ${e.reason}`;
    case 'run-paused':
      return `paused    run ${e.runId}: ${e.reason}`;
    case 'run-finished':
      return `finished  run ${e.runId}: ${e.status}`;
  }
}
