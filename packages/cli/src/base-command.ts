// Only the light entries of the SDK: every command loads this module, and `citebots status` must
// start fast. Commands that need more import it themselves.
import { type Database, openDatabase } from '@citebots/sdk/storage';
// oclif by its sub-paths: its root entry loads a third more modules than a command needs.
import { Command } from '@oclif/core/command';
import * as Flags from '@oclif/core/flags';
import type * as Interfaces from '@oclif/core/interfaces';
import { classifyError, REPORT_BUG } from './cli-errors.js';
import type { CliConfig } from './config-file.js';
import { ExitCode } from './exit-codes.js';
import { readCliConfig } from './read-config.js';

/**
 * The embedded database's buffer cache for CLI commands. PGlite prepares the whole cache when it
 * starts (128MB by default takes most of a second); the data is in the folder's files, which the
 * operating system caches, so a small cache costs a one-shot command nothing.
 */
export const CLI_EMBEDDED_SHARED_BUFFERS = '16MB';
/**
 * The cache of commands that only read a few rows (`status`, `runs list`, `db status`): the
 * smallest practical one, which starts PGlite about 40 ms sooner than 16MB.
 */
export const CLI_READER_SHARED_BUFFERS = '1MB';

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof BaseCommand)['baseFlags'] & T['flags']
>;
export type BaseArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>;

/**
 * Every command: `--json` (the value `run()` returns is printed as JSON on stdout; progress and
 * logs go to stderr), the database flags, the config file, and one error policy: user-fixable
 * errors say what to do next and exit with their own code; bugs say how to report them.
 */
export abstract class BaseCommand<T extends typeof Command> extends Command {
  static override enableJsonFlag = true;
  /** The embedded database's buffer cache this command opens it with. */
  static embeddedSharedBuffers = CLI_EMBEDDED_SHARED_BUFFERS;

  static override baseFlags = {
    'database-url': Flags.string({
      env: 'DATABASE_URL',
      description: 'PostgreSQL or Supabase connection URL (default: the embedded database).',
      helpGroup: 'GLOBAL',
    }),
    'data-dir': Flags.string({
      env: 'CITEBOTS_DATA_DIR',
      description: 'Folder of the embedded database (default: .citebots/db).',
      helpGroup: 'GLOBAL',
    }),
    config: Flags.string({ description: 'Path of citebots.config.json.', helpGroup: 'GLOBAL' }),
  };

  protected flags!: BaseFlags<T>;
  protected args!: BaseArgs<T>;
  #db: Database | null = null;
  #config: { value: CliConfig } | { error: unknown } | null = null;

  public override async init(): Promise<void> {
    await super.init();
    const { args, flags } = await this.parse({
      flags: this.ctor.flags,
      baseFlags: (super.ctor as typeof BaseCommand).baseFlags,
      enableJsonFlag: this.ctor.enableJsonFlag,
      args: this.ctor.args,
      strict: this.ctor.strict,
    });
    this.flags = flags as BaseFlags<T>;
    this.args = args as BaseArgs<T>;
    // Read now (asynchronously, so validation code loads only when there is a file); an invalid
    // file fails the command when the command uses the config, as before.
    this.#config = await readCliConfig(this.flags.config).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
  }

  protected get cliConfig(): CliConfig {
    if (!this.#config)
      throw new Error('citebots: the config file is read in init(); call super.init() first');
    if ('error' in this.#config) throw this.#config.error;
    return this.#config.value;
  }

  /** Opens (and migrates) the configured database once per command; closed when the command ends. */
  protected async database(
    options: { applicationName?: string; maxConnections?: number } = {},
  ): Promise<Database> {
    if (!this.#db) {
      this.#db = await openDatabase({
        url: this.flags['database-url'] ?? this.cliConfig.databaseUrl ?? null,
        dataDir: this.flags['data-dir'] ?? this.cliConfig.dataDir ?? null,
        applicationName: options.applicationName ?? `citebots-${this.id ?? 'cli'}`,
        maxConnections: options.maxConnections,
        sharedBuffers: (this.constructor as typeof BaseCommand).embeddedSharedBuffers,
      });
    }
    return this.#db;
  }

  /** A line of progress or information for people: always stderr, never mixed into --json output. */
  protected note(message: string): void {
    process.stderr.write(`${message}\n`);
  }

  protected override async catch(err: Error & { exitCode?: number }): Promise<unknown> {
    const c = classifyError(err);
    process.exitCode = c.exitCode;
    if (this.jsonEnabled()) {
      process.stdout.write(
        `${JSON.stringify({ error: { code: c.code, message: c.message, exitCode: c.exitCode } }, null, 2)}\n`,
      );
    } else {
      process.stderr.write(`Error: ${c.message}\n`);
      if (c.bug) process.stderr.write(`${REPORT_BUG}\n`);
    }
    return undefined;
  }

  protected override async finally(error: Error | undefined): Promise<unknown> {
    if (this.#db) {
      await this.#db.close().catch(() => {});
      this.#db = null;
    }
    return super.finally(error);
  }

  protected exitWith(code: number): void {
    if (code !== ExitCode.ok) process.exitCode = code;
  }
}
