import {
  CitebotsError,
  ConfigError,
  DatabaseError,
  EmbeddedDatabaseLockedError,
  InputError,
  redactSecrets,
} from '@citebots/sdk/errors';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';

/** An expected failure the user can fix: its message says what to do next. */
export class UserError extends CitebotsError {
  readonly exitCode: ExitCodeValue;
  constructor(message: string, exitCode: ExitCodeValue, code = 'user_error') {
    super(code, message);
    this.exitCode = exitCode;
  }
}

export const REPORT_BUG =
  'This looks like a bug in Citebots. Please report it at https://github.com/citebots/citebots/issues ' +
  'with the command you ran, the output of `citebots --version` and this message (no API keys are in it).';

export interface ClassifiedError {
  exitCode: ExitCodeValue;
  code: string;
  message: string;
  bug: boolean;
}

function isOclifParseError(error: unknown): boolean {
  const e = error as { oclif?: { exit?: number }; parse?: unknown; name?: string } | null;
  return (
    !!e &&
    (e.oclif?.exit === 2 ||
      e.parse !== undefined ||
      /Parse|RequiredArgs|FailedFlagValidation|NonExistentFlags|UnexpectedArgs/.test(e.name ?? ''))
  );
}

/** Maps any error to an exit code and a message safe to print (secrets redacted). */
export function classifyError(error: unknown): ClassifiedError {
  const message = redactSecrets(error instanceof Error ? error.message : String(error));
  if (error instanceof UserError) return { exitCode: error.exitCode, code: error.code, message, bug: false };
  if (InputError.isInstance(error) && error instanceof InputError)
    return { exitCode: ExitCode.invalidInput, code: error.code, message, bug: false };
  if (error instanceof ConfigError)
    return { exitCode: ExitCode.config, code: error.code, message, bug: false };
  if (error instanceof DatabaseError || error instanceof EmbeddedDatabaseLockedError) {
    return { exitCode: ExitCode.database, code: (error as CitebotsError).code, message, bug: false };
  }
  if (CitebotsError.isInstance(error)) {
    const code = error.code;
    if (code === 'invalid_input') return { exitCode: ExitCode.invalidInput, code, message, bug: false };
    if (code === 'config_error') return { exitCode: ExitCode.config, code, message, bug: false };
    if (code === 'database_error' || code === 'embedded_database_locked')
      return { exitCode: ExitCode.database, code, message, bug: false };
    return { exitCode: ExitCode.bug, code, message, bug: !code.startsWith('platform_') };
  }
  if (isOclifParseError(error))
    return { exitCode: ExitCode.invalidInput, code: 'invalid_usage', message, bug: false };
  return { exitCode: ExitCode.bug, code: 'internal_error', message, bug: true };
}
