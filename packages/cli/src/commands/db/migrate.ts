import { listMigrations, migrate, migrationStatus, openDatabase } from '@citebots/sdk/storage';
import { BaseCommand, CLI_EMBEDDED_SHARED_BUFFERS } from '../../base-command.js';

interface MigrateJson {
  applied: { version: number; name: string }[];
  current: number;
  latest: number;
  warnings: string[];
}

export default class DbMigrate extends BaseCommand<typeof DbMigrate> {
  static override summary = 'Apply the pending migrations to the configured database.';
  static override description =
    'Each migration runs in its own transaction under an advisory lock, so two processes starting at ' +
    'once never apply one twice; each applied version is recorded in citebots_migrations. ' +
    'Workers and other commands also migrate on start; use `citebots db sql` where schema changes ' +
    'must be applied by hand instead.';
  static override examples = [
    '<%= config.bin %> db migrate',
    'DATABASE_URL=postgres://... <%= config.bin %> db migrate --json',
  ];

  public async run(): Promise<MigrateJson> {
    const db = await openDatabase({
      url: this.flags['database-url'] ?? this.cliConfig.databaseUrl ?? null,
      dataDir: this.flags['data-dir'] ?? this.cliConfig.dataDir ?? null,
      sharedBuffers: CLI_EMBEDDED_SHARED_BUFFERS,
      applicationName: 'citebots-db-migrate',
      maxConnections: 2,
      migrate: false,
    });
    try {
      const before = await migrationStatus(db);
      if (before.pending.length === 0) this.note(`Up to date at version ${before.current}.`);
      else
        this.note(
          `Applying ${before.pending.map((p) => `${String(p.version).padStart(4, '0')}_${p.name}`).join(', ')} ...`,
        );
      const versions = await migrate(db);
      const names = new Map(listMigrations().map((m) => [m.version, m.name]));
      const after = await migrationStatus(db);
      if (versions.length > 0) this.note(`Applied ${versions.length}; now at version ${after.current}.`);
      for (const warning of after.warnings) this.note(`Warning: ${warning}`);
      return {
        applied: versions.map((version) => ({ version, name: names.get(version) ?? '' })),
        current: after.current,
        latest: after.latest,
        warnings: after.warnings,
      };
    } finally {
      await db.close();
    }
  }
}
