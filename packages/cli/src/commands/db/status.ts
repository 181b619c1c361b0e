import { migrationStatus, openDatabase } from '@citebots/sdk/storage';
import { BaseCommand, CLI_READER_SHARED_BUFFERS } from '../../base-command.js';

interface StatusJson {
  current: number;
  latest: number;
  upToDate: boolean;
  applied: { version: number; name: string; appliedAt: string }[];
  pending: { version: number; name: string; hasRollback: boolean }[];
  unknown: { version: number; name: string; appliedAt: string }[];
  warnings: string[];
}

const label = (m: { version: number; name: string }) => `${String(m.version).padStart(4, '0')}_${m.name}`;

export default class DbStatus extends BaseCommand<typeof DbStatus> {
  static override summary = 'Show the applied and pending migrations of the configured database.';
  static override description =
    'Reads citebots_migrations without changing anything (it does not migrate). Also warns about ' +
    'what can disturb Citebots, such as a counter trigger left on analysis_queue by the old system.';
  static override examples = ['<%= config.bin %> db status', '<%= config.bin %> db status --json'];

  public async run(): Promise<StatusJson> {
    const db = await openDatabase({
      url: this.flags['database-url'] ?? this.cliConfig.databaseUrl ?? null,
      dataDir: this.flags['data-dir'] ?? this.cliConfig.dataDir ?? null,
      sharedBuffers: CLI_READER_SHARED_BUFFERS,
      applicationName: 'citebots-db-status',
      maxConnections: 1,
      migrate: false,
    });
    try {
      const s = await migrationStatus(db);
      if (!this.jsonEnabled()) {
        this.log(`Schema version ${s.current} of ${s.latest}${s.upToDate ? ' (up to date)' : ''}.`);
        for (const a of s.applied) this.log(`  applied  ${label(a)}  ${a.appliedAt.toISOString()}`);
        for (const p of s.pending)
          this.log(`  pending  ${label(p)}${p.hasRollback ? '' : '  (no rollback shipped)'}`);
        for (const u of s.unknown)
          this.log(`  unknown  ${label(u)}  ${u.appliedAt.toISOString()}  (newer Citebots)`);
        if (s.pending.length > 0)
          this.log(
            'Apply with `citebots db migrate`, or print the SQL with `citebots db sql` to run it by hand.',
          );
      }
      for (const warning of s.warnings) this.note(`Warning: ${warning}`);
      const iso = (a: { version: number; name: string; appliedAt: Date }) => ({
        version: a.version,
        name: a.name,
        appliedAt: new Date(a.appliedAt).toISOString(),
      });
      return {
        current: s.current,
        latest: s.latest,
        upToDate: s.upToDate,
        applied: s.applied.map(iso),
        pending: s.pending,
        unknown: s.unknown.map(iso),
        warnings: s.warnings,
      };
    } finally {
      await db.close();
    }
  }
}
