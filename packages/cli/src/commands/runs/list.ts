import { listRuns } from '@citebots/sdk/runs';
import * as Flags from '@oclif/core/flags';
import { BaseCommand, CLI_READER_SHARED_BUFFERS } from '../../base-command.js';
import { type RunJson, runJson, table, usd } from '../../services/format-run.js';

export default class RunsList extends BaseCommand<typeof RunsList> {
  static override summary = 'List runs, newest first.';
  static override examples = [
    '<%= config.bin %> runs list',
    '<%= config.bin %> runs list --client knak.com --limit 5 --json',
  ];
  static override embeddedSharedBuffers = CLI_READER_SHARED_BUFFERS;
  static override flags = {
    client: Flags.string({ description: 'Only runs of this client (name or domain).' }),
    limit: Flags.integer({ description: 'How many runs.', default: 20, min: 1, max: 1000 }),
  };

  public async run(): Promise<{ runs: RunJson[] }> {
    const db = await this.database();
    const runs = await listRuns(db, { client: this.flags.client, limit: this.flags.limit });
    if (!this.jsonEnabled()) {
      if (runs.length === 0) this.log('No runs yet.');
      else
        this.log(
          table(
            ['run', 'created', 'client', 'status', 'platforms', 'done', 'failed', 'cost', 'batch'],
            runs.map((r) => [
              r.id,
              r.createdAt.toISOString().slice(0, 16).replace('T', ' '),
              r.clientName,
              r.status,
              r.platforms.join(','),
              `${r.counts.completed + r.counts.failed + r.counts.cancelled}/${r.counts.total}`,
              String(r.counts.failed),
              usd(r.costUsd),
              r.batchId ?? '',
            ]),
          ),
        );
    }
    return { runs: runs.map(runJson) };
  }
}
