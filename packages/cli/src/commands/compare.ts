import { compareRuns, type RunComparison } from '@citebots/sdk';
import { Args } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { comparisonText } from '../report/compare-text.js';
import { resolveRun } from '../report/resolve-run.js';

export default class Compare extends BaseCommand<typeof Compare> {
  static override summary = 'Compare two runs of a client: what moved, and whether it is more than noise.';
  static override description =
    'Visibility, share of voice and citation share of run B minus run A, overall and per platform, with 95% ' +
    'intervals; cited domains and pages gained and lost; and the queries whose outcome flipped (mentioned ↔ not). ' +
    "Both runs are scored against run B's client profile.";
  static override examples = [
    '<%= config.bin %> compare <run-a> <run-b>',
    '<%= config.bin %> compare <run-a> latest --json',
  ];

  static override args = {
    runA: Args.string({ description: 'The earlier run (id or `latest`).', required: true }),
    runB: Args.string({ description: 'The later run (id or `latest`).', required: true }),
  };

  public async run(): Promise<RunComparison> {
    const db = await this.database({ maxConnections: 2 });
    const a = await resolveRun(db, this.args.runA, 'RUN_A');
    const b = await resolveRun(db, this.args.runB, 'RUN_B');
    if (a.clientId !== b.clientId) {
      this.note(
        `Warning: the runs belong to different clients (${a.clientName} and ${b.clientName}); both are scored for ${b.clientName}.`,
      );
    }
    const comparison = await compareRuns(db, a.id, b.id);
    if (!this.jsonEnabled()) process.stdout.write(comparisonText(comparison));
    return comparison;
  }
}
