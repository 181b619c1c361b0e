import { getRunHealth, type RunHealth } from '@citebots/sdk';
import { Args } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { formatHealth, formatRun, type RunJson, runJson } from '../services/format-run.js';
import { resolveRun } from '../services/resolve-run.js';

export interface StatusResult {
  run: RunJson;
  health: RunHealth;
}

export default class Status extends BaseCommand<typeof Status> {
  static override summary = 'Show a run: counts, per-platform progress, cost and health.';
  static override description =
    'Without RUN, shows the latest run. "stuck" counts items still marked processing whose lease expired ' +
    '(a crashed worker); any running worker reclaims them.';
  static override examples = ['<%= config.bin %> status', '<%= config.bin %> status 3f9a1c2e --json'];
  static override args = {
    run: Args.string({ description: 'Run id (or its first 8+ characters); default: the latest run.' }),
  };

  public async run(): Promise<StatusResult> {
    const db = await this.database();
    const run = await resolveRun(db, this.args.run);
    const health = await getRunHealth(db, run.id);
    if (!this.jsonEnabled()) this.log(`${formatRun(run)}\n${formatHealth(health)}`);
    return { run: runJson(run), health };
  }
}
