import { getRun, retryFailedItems } from '@citebots/sdk';
import { Args } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { type RunJson, runJson } from '../services/format-run.js';
import { resolveRun } from '../services/resolve-run.js';

export default class Retry extends BaseCommand<typeof Retry> {
  static override summary = "Put a run's failed items back in the queue with fresh attempts.";
  static override examples = ['<%= config.bin %> retry 3f9a1c2e'];
  static override args = {
    run: Args.string({ description: 'Run id (or its first 8+ characters).', required: true }),
  };

  public async run(): Promise<{ run: RunJson; requeuedItems: number }> {
    const db = await this.database();
    const found = await resolveRun(db, this.args.run);
    const n = await retryFailedItems(db, found.id);
    const run = (await getRun(db, found.id)) ?? found;
    this.note(
      n === 0
        ? `Run ${run.id} has no failed items; nothing was queued.`
        : `Run ${run.id}: ${n} failed item(s) back in the queue. Execute them with \`citebots worker --run ${run.id} --exit-when-idle\`` +
            (run.batchId
              ? ` or by running the same \`citebots analyze ... --batch-id ${run.batchId}\` again.`
              : '.'),
    );
    return { run: runJson(run), requeuedItems: n };
  }
}
