import { getRun, InputError, resumeRun } from '@citebots/sdk';
import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { UserError } from '../cli-errors.js';
import { ExitCode } from '../exit-codes.js';
import { type RunJson, runJson } from '../services/format-run.js';
import { resolveRun } from '../services/resolve-run.js';

export default class Resume extends BaseCommand<typeof Resume> {
  static override summary = 'Resume a paused run (after a cost guard or a stopped platform).';
  static override description =
    "Workers claim a paused run's items again once it is resumed. Raise the limit that paused it " +
    '(--max-cost here, or dailySpendLimitUsd in citebots.config.json), or it pauses again.';
  static override examples = [
    '<%= config.bin %> resume 3f9a1c2e',
    '<%= config.bin %> resume 3f9a1c2e --max-cost 20',
  ];
  static override flags = {
    'max-cost': Flags.string({
      description: "Raise (or set) the run's cost limit in USD before resuming it.",
    }),
  };
  static override args = {
    run: Args.string({ description: 'Run id (or its first 8+ characters).', required: true }),
  };

  public async run(): Promise<{ run: RunJson; resumed: boolean }> {
    const db = await this.database();
    const found = await resolveRun(db, this.args.run);
    const maxCost = this.flags['max-cost'];
    if (maxCost !== undefined) {
      const limit = Number(maxCost.replace(/^\$/, ''));
      if (!Number.isFinite(limit) || limit <= 0)
        throw new InputError('--max-cost', [
          {
            field: '',
            value: maxCost,
            problem: 'is not a positive amount of USD',
            fix: 'pass a number such as --max-cost 20',
          },
        ]);
      await db.query(
        `UPDATE analysis_runs SET max_cost_usd = $2, updated_at = now() WHERE id = $1 AND status = 'paused'`,
        [found.id, limit],
      );
    }
    if (!(await resumeRun(db, found.id))) {
      throw new UserError(
        `Run ${found.id} is not paused (status: ${found.status}). Fix: only paused runs can be resumed; ` +
          'use `citebots retry` for failed items, or `citebots worker --run <id>` to execute queued ones.',
        ExitCode.invalidInput,
        'not_paused',
      );
    }
    const run = (await getRun(db, found.id)) ?? found;
    this.note(
      `Run ${run.id} resumed (status ${run.status}). Execute it with \`citebots worker --run ${run.id} --exit-when-idle\`` +
        (run.batchId
          ? ` or by running the same \`citebots analyze ... --batch-id ${run.batchId}\` again.`
          : '.'),
    );
    return { run: runJson(run), resumed: true };
  }
}
