/** Exit codes of every `citebots` command (documented in the README). */
export const ExitCode = {
  ok: 0,
  /** An unexpected error: a bug, reported with how to file it. */
  bug: 1,
  /** Bad input: a flag, an argument or an input file is invalid. */
  invalidInput: 2,
  /** Configuration is missing or wrong (an API key, a plugin, a config file). */
  config: 3,
  /** The database cannot be reached, or the embedded database is held by another process. */
  database: 4,
  /** The run finished, but some items failed. */
  itemsFailed: 5,
  /** The batch id was submitted before: the existing run is shown and nothing new was queued. */
  duplicateRun: 6,
  /** The run is paused by a cost guard (resumable with `citebots resume`). */
  paused: 7,
  /** No such run or resource. */
  notFound: 8,
  /** Interrupted (Ctrl-C / SIGTERM) before the work was done; claims were released. */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
