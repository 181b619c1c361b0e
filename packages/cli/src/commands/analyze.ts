import {
  computeRunMetrics,
  type Database,
  getRun,
  planRun,
  type RunMetrics,
  type RunPlan,
  type RunSummary,
  runWorker,
  submitRun,
} from '@citebots/sdk';
import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { ExitCode } from '../exit-codes.js';
import { configRequestsPerMinute, loadAnalyzeInputs } from '../services/analyze-inputs.js';
import { crawlFlags, createCitationHook } from '../services/citation-hook.js';
import {
  formatPlan,
  formatQueryRows,
  formatRun,
  type RunJson,
  runJson,
  usd,
} from '../services/format-run.js';
import { onInterrupt } from '../services/interrupt.js';
import { assertPlatformsReady, createPlatforms } from '../services/platform-registry.js';
import { createProgressReporter } from '../services/progress-reporter.js';
import { formatRunMetrics } from '../services/run-metrics-view.js';
import { loadQueryResults, type QueryResultRow } from '../services/run-results.js';
import { workerPoolSize } from '../services/worker-pool-size.js';

const FINISHED = new Set(['completed', 'failed', 'cancelled']);

export type AnalyzeResult =
  | { dryRun: true; plan: RunPlan }
  | {
      run: RunJson;
      /** True when the run was only queued (`--detach`). */
      detached: boolean;
      /** True when the batch id named an existing run (continued, or already finished: exit 6). */
      existing: boolean;
      interrupted: boolean;
      queries: QueryResultRow[];
      /** Visibility metrics over the run's answers (null when only queued). */
      metrics: RunMetrics | null;
    };

export default class Analyze extends BaseCommand<typeof Analyze> {
  static override summary =
    "Ask answer engines a client's buyer questions and report how they talk about the brand.";
  static override description =
    'Validates the inputs, submits a run (one item per query and platform) and executes it in this process, ' +
    'then prints per query whether the brand was mentioned, its position, and the cited domains. ' +
    'With --batch-id the submission is idempotent: running the same command again continues an unfinished run ' +
    '(after Ctrl-C or a crash) and exits 6 when that run already finished. ' +
    'With --detach the run is only queued, for `citebots worker` processes to execute.';
  static override examples = [
    '<%= config.bin %> analyze --platform perplexity --client examples/client.json --queries examples/queries.txt',
    '<%= config.bin %> analyze -p perplexity,chatgpt --client client.json --queries queries.csv --batch-id 2026-11-29 --max-cost 5',
    '<%= config.bin %> analyze -p perplexity --client client.json --queries queries.txt --dry-run',
    '<%= config.bin %> analyze -p perplexity --client client.json --queries queries.txt --json > run.json',
  ];

  static override flags = {
    ...crawlFlags,
    platform: Flags.string({
      char: 'p',
      description: 'Platforms to ask, comma-separated (perplexity, chatgpt, claude, gemini, or a plugin).',
      required: true,
    }),
    client: Flags.string({
      description: 'Client profile (JSON), e.g. examples/client.json.',
      required: true,
    }),
    queries: Flags.string({
      description: 'Query list: .txt (one per line), .csv (query,keyword,intent,category) or .json.',
      required: true,
    }),
    concurrency: Flags.integer({ char: 'c', description: 'Calls in flight at once.', min: 1, max: 256 }),
    'batch-id': Flags.string({
      description: 'Idempotency key: the same batch id continues its run instead of starting a new one.',
    }),
    'max-cost': Flags.string({ description: 'Pause the run once its cost reaches this many USD.' }),
    'dry-run': Flags.boolean({
      description: 'Print the plan (items, calls, estimated cost); call nothing, write nothing.',
    }),
    detach: Flags.boolean({ description: 'Only queue the run and print its id (for `citebots worker`).' }),
    plugin: Flags.string({
      description: 'Load a third-party platform plugin by package name.',
      multiple: true,
    }),
  };

  public async run(): Promise<AnalyzeResult> {
    const f = this.flags;
    const inputs = await loadAnalyzeInputs({
      platform: f.platform,
      client: f.client,
      queries: f.queries,
      concurrency: f.concurrency ?? this.cliConfig.concurrency ?? 4,
      batchId: f['batch-id'],
      maxCost: f['max-cost'],
      dailySpendLimitUsd: this.cliConfig.dailySpendLimitUsd,
    });
    const platforms = await createPlatforms(inputs.options.platforms, {
      config: this.cliConfig,
      extraPlugins: f.plugin,
      source: '--platform',
    });

    if (f['dry-run']) {
      const plan = planRun(inputs.client, inputs.queries, platforms, {
        maxAttempts: inputs.options.maxAttempts,
        requestsPerMinute: configRequestsPerMinute(this.cliConfig),
      });
      if (!this.jsonEnabled()) this.log(formatPlan(plan));
      return { dryRun: true, plan };
    }

    assertPlatformsReady(platforms);
    const db = await this.database({ maxConnections: workerPoolSize(inputs.options.concurrency) });
    const { run: submitted, created } = await submitRun(db, inputs);
    const batch = inputs.options.batchId;

    if (!created) {
      if (FINISHED.has(submitted.status)) {
        this.note(
          `run ${submitted.id} already exists for batch ${batch} (status: ${submitted.status}); nothing new was queued. ` +
            `See it with \`citebots status ${submitted.id}\`; use a new --batch-id to start another run.`,
        );
        this.exitWith(ExitCode.duplicateRun);
        return this.result(db, submitted, inputs.queries, { existing: true });
      }
      this.note(
        `run ${submitted.id} already exists for batch ${batch} (status: ${submitted.status}): continuing it.`,
      );
    }

    if (f.detach) {
      this.note(
        `Queued run ${submitted.id} (${submitted.counts.total} items). Execute it with \`citebots worker --run ${submitted.id}\` ` +
          'on a shared PostgreSQL database, and follow it with `citebots status`.',
      );
      if (!this.jsonEnabled()) this.log(submitted.id);
      return this.result(db, submitted, inputs.queries, { existing: !created, detached: true });
    }

    if (submitted.status === 'paused') {
      this.note(
        `run ${submitted.id} is paused (${submitted.pausedReason ?? 'no reason given'}). Fix: \`citebots resume ${submitted.id}\`, then run this command again.`,
      );
      this.exitWith(ExitCode.paused);
      return this.result(db, submitted, inputs.queries, { existing: true });
    }

    const reporter = createProgressReporter({
      write: (line) => this.note(line),
      queryTexts: new Map(inputs.queries.map((q) => [q.id, q.text])),
    });
    reporter.start(submitted);
    const interrupt = onInterrupt((m) => this.note(m));
    try {
      const pages = await createCitationHook({
        enabled: this.flags.crawl,
        allowHosts: this.flags['crawl-allow-host'],
      });
      try {
        await runWorker({
          db,
          platforms,
          runId: submitted.id,
          stopWhenIdle: true,
          concurrency: inputs.options.concurrency,
          signal: interrupt.signal,
          requestsPerMinute: configRequestsPerMinute(this.cliConfig),
          onEvent: (e) => reporter.event(e),
          afterResult: pages.hook,
        });
      } finally {
        await pages.close();
      }
    } finally {
      interrupt.dispose();
    }
    const run = (await getRun(db, submitted.id)) ?? submitted;
    reporter.finish(run);

    if (interrupt.interrupted()) {
      const again = batch
        ? 'run the same command again (same --batch-id)'
        : `run \`citebots worker --run ${run.id} --exit-when-idle\``;
      this.note(
        `Interrupted: ${run.counts.completed + run.counts.failed} of ${run.counts.total} items done, claims released. To continue, ${again}.`,
      );
      this.exitWith(ExitCode.interrupted);
    } else if (run.status === 'paused') {
      this.note(
        `Run paused: ${(run.pausedReason ?? 'cost guard').replace(/\.$/, '')}. Continue with \`citebots resume ${run.id}\`.`,
      );
      this.exitWith(ExitCode.paused);
    } else if (run.counts.failed > 0) {
      this.exitWith(ExitCode.itemsFailed);
    }
    return this.result(db, run, inputs.queries, {
      existing: !created,
      interrupted: interrupt.interrupted(),
    });
  }

  private async result(
    db: Database,
    run: RunSummary,
    queries: { id: string }[],
    flags: { existing?: boolean; detached?: boolean; interrupted?: boolean },
  ): Promise<AnalyzeResult> {
    const rows = flags.detached
      ? []
      : await loadQueryResults(
          db,
          run.id,
          run.clientDomain,
          queries.map((q) => q.id),
        );
    const metrics = flags.detached ? null : await computeRunMetrics(db, run.id);
    if (!this.jsonEnabled() && !flags.detached) {
      this.log(formatSummary(run, rows));
      if (metrics) this.log(`\n${formatRunMetrics(metrics)}`);
    }
    return {
      run: runJson(run),
      detached: flags.detached ?? false,
      existing: flags.existing ?? false,
      interrupted: flags.interrupted ?? false,
      queries: rows,
      metrics,
    };
  }
}

function formatSummary(run: RunSummary, rows: QueryResultRow[]): string {
  const answered = rows.filter((r) => r.status === 'completed');
  const mentioned = answered.filter((r) => r.brandMentioned).length;
  const own = answered.filter((r) => r.citedDomains.some((d) => d.own)).length;
  const c = run.counts;
  return [
    '',
    formatQueryRows(rows, run.platforms.length > 1),
    '',
    `${run.clientName} was mentioned in ${mentioned} of ${answered.length} answers; ${run.clientDomain ?? 'its domain'} was cited in ${own}.`,
    `Run ${run.id}: ${run.status}. Items: ${c.total}, completed: ${c.completed}, failed: ${c.failed}` +
      `${c.pending + c.processing > 0 ? `, unfinished: ${c.pending + c.processing}` : ''}. Cost: ${usd(run.costUsd)}.`,
    ...(run.byPlatform.length > 1 ? [formatRun(run).split('\n').slice(4).join('\n')] : []),
  ].join('\n');
}
