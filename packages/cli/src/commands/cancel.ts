import { cancelRun, getRun } from '@citebots/sdk';
import { Args } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { type RunJson, runJson } from '../services/format-run.js';
import { resolveRun } from '../services/resolve-run.js';

export default class Cancel extends BaseCommand<typeof Cancel> {
  static override summary = 'Cancel a run: its pending and in-flight items end cancelled.';
  static override description =
    'Finished items keep their results. A worker still waiting on an engine for a cancelled item writes nothing.';
  static override examples = ['<%= config.bin %> cancel 3f9a1c2e'];
  static override args = {
    run: Args.string({ description: 'Run id (or its first 8+ characters).', required: true }),
  };

  public async run(): Promise<{ run: RunJson; cancelledItems: number }> {
    const db = await this.database();
    const found = await resolveRun(db, this.args.run);
    const n = await cancelRun(db, found.id);
    const run = (await getRun(db, found.id)) ?? found;
    this.note(`Run ${run.id}: ${n} item(s) cancelled; status ${run.status}.`);
    return { run: runJson(run), cancelledItems: n };
  }
}
