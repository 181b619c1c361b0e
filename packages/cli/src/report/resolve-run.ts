import { type Database, getRun, listRuns, type RunSummary } from '@citebots/sdk';
import { UserError } from '../cli-errors.js';
import { ExitCode } from '../exit-codes.js';

/** A run by id, or `latest` (the newest run); a UserError (exit 8) naming what to do when there is none. */
export async function resolveRun(db: Database, ref: string, argName = 'RUN'): Promise<RunSummary> {
  if (ref === 'latest') {
    const [run] = await listRuns(db, { limit: 1 });
    if (!run)
      throw new UserError(
        'There are no runs yet: start one with `citebots analyze` (or try `citebots demo`).',
        ExitCode.notFound,
        'not_found',
      );
    return run;
  }
  const run = await getRun(db, ref);
  if (!run) {
    throw new UserError(
      `${argName} "${ref.slice(0, 80)}" is not a run in this database. List the runs with \`citebots runs list\`, or pass \`latest\`.`,
      ExitCode.notFound,
      'not_found',
    );
  }
  return run;
}
