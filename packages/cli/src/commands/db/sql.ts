import { listMigrations, migrationScript, rollbackScript } from '@citebots/sdk/storage';
import * as Flags from '@oclif/core/flags';
import { BaseCommand } from '../../base-command.js';

export default class DbSql extends BaseCommand<typeof DbSql> {
  static override summary = 'Print the migrations (or their rollbacks) as one SQL script to run by hand.';
  static override description =
    'For databases whose owner applies schema changes by hand, e.g. in the Supabase SQL editor. ' +
    'The script is one transaction under the migrators’ advisory lock; it skips the migrations ' +
    'citebots_migrations already records and records the ones it applies, so it is safe to run twice. ' +
    'With --rollback it prints the rollbacks, newest first, down to --to (default 0). ' +
    'Some rollbacks drop the data of the columns they remove: see docs/supabase.md. ' +
    'Needs no database connection.';
  static override examples = [
    '<%= config.bin %> db sql > citebots-migrations.sql',
    '<%= config.bin %> db sql --from 6',
    '<%= config.bin %> db sql --rollback --to 5 > citebots-rollback-to-5.sql',
    '<%= config.bin %> db sql --json',
  ];
  static override flags = {
    from: Flags.integer({ description: 'Only migrations from this version on (default: all).' }),
    rollback: Flags.boolean({
      description: 'Print the rollbacks instead, newest first.',
      exclusive: ['from'],
    }),
    to: Flags.integer({
      description: 'With --rollback: roll back every migration above this version (default 0).',
      dependsOn: ['rollback'],
    }),
  };

  public async run(): Promise<{ direction: 'up' | 'down'; versions: number[]; script: string }> {
    const { from, to } = this.flags;
    const rollback = this.flags.rollback === true;
    const script = rollback ? rollbackScript({ to }) : migrationScript({ from });
    const versions = listMigrations()
      .map((m) => m.version)
      .filter((v) => (rollback ? v > (to ?? 0) : v >= (from ?? 0)));
    if (rollback) versions.reverse();
    const names = versions.map((v) => String(v).padStart(4, '0')).join(', ') || 'none';
    this.note(
      rollback
        ? `Rollback script for ${names} (newest first). Take a backup first; run it as one script.`
        : `Migration script for ${names}. Run it as one script (Supabase: SQL editor); safe to run twice.`,
    );
    if (!this.jsonEnabled()) process.stdout.write(script);
    return { direction: rollback ? 'down' : 'up', versions, script };
  }
}
