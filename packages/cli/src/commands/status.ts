import type { RunMetrics } from '@citebots/sdk/metrics';
import { getRun, getRunHealth, type RunHealth } from '@citebots/sdk/runs';
import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { BaseCommand, CLI_READER_SHARED_BUFFERS } from '../base-command.js';
import { formatHealth, formatRun, type RunJson, runJson } from '../services/format-run.js';
import { watchProgress } from '../services/progress-renderer.js';
import { resolveRun } from '../services/resolve-run.js';
import { formatRunMetrics } from '../services/run-metrics-view.js';

export interface StatusResult {
  run: RunJson;
  health: RunHealth;
  /** Visibility metrics over the answers stored so far. */
  metrics: RunMetrics;
}

export default class Status extends BaseCommand<typeof Status> {
  static override summary = 'Show a run: counts, per-platform progress, cost, health and visibility metrics.';
  static override description =
    'Without RUN, shows the latest run. "stuck" counts items still marked processing whose lease expired ' +
    '(a crashed worker); any running worker reclaims them.';
  static override examples = ['<%= config.bin %> status', '<%= config.bin %> status 3f9a1c2e --json'];
  static override args = {
    run: Args.string({ description: 'Run id (or its first 8+ characters); default: the latest run.' }),
  };
  static override embeddedSharedBuffers = CLI_READER_SHARED_BUFFERS;
  static override flags = {
    watch: Flags.boolean({
      char: 'w',
      description:
        'Follow the run until it finishes or pauses: live bars on a terminal, plain lines otherwise (stderr).',
    }),
  };

  public async run(): Promise<StatusResult> {
    const db = await this.database();
    let run = await resolveRun(db, this.args.run);
    const id = run.id;
    if (this.flags.watch) run = (await watchProgress({ load: () => getRun(db, id) })) ?? run;
    const health = await getRunHealth(db, run.id);
    // The metrics need the answer analysis (the SDK's heaviest code): loaded only once there is a run.
    const { computeRunMetrics } = await import('@citebots/sdk/metrics');
    const metrics = await computeRunMetrics(db, run.id);
    if (!this.jsonEnabled())
      this.log(`${formatRun(run)}\n${formatHealth(health)}\n\n${formatRunMetrics(metrics)}`);
    return { run: runJson(run), health, metrics };
  }
}
