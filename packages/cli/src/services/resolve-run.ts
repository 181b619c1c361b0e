import { getRun, listRuns, type RunSummary } from '@citebots/sdk/runs';
import type { Database } from '@citebots/sdk/storage';
import { UserError } from '../cli-errors.js';
import { ExitCode } from '../exit-codes.js';

/**
 * Finds a run by its id or a unique prefix of it (at least 8 characters, as `runs list` prints
 * them); the latest run when `idOrPrefix` is omitted.
 */
export async function resolveRun(db: Database, idOrPrefix: string | undefined): Promise<RunSummary> {
  if (!idOrPrefix) {
    const [latest] = await listRuns(db, { limit: 1 });
    if (!latest)
      throw new UserError(
        'There are no runs in this database yet. Fix: start one with `citebots analyze --platform perplexity --client client.json --queries queries.txt`.',
        ExitCode.notFound,
        'not_found',
      );
    return latest;
  }
  const text = idOrPrefix.trim().toLowerCase();
  if (/^[0-9a-f-]{36}$/.test(text)) {
    const run = await getRun(db, text);
    if (run) return run;
  } else if (/^[0-9a-f-]{8,35}$/.test(text)) {
    const rows = await db.query<{ id: string }>(
      `SELECT id FROM analysis_runs WHERE id::text LIKE $1 || '%' ORDER BY created_at DESC LIMIT 2`,
      [text],
    );
    if (rows.length > 1)
      throw new UserError(
        `Several runs start with ${text}. Fix: give more characters of the run id (see \`citebots runs list\`).`,
        ExitCode.invalidInput,
        'ambiguous_run',
      );
    const run = rows[0] ? await getRun(db, rows[0].id) : null;
    if (run) return run;
  }
  throw new UserError(
    `No run ${idOrPrefix} in this database. Fix: list the runs with \`citebots runs list\` (and check DATABASE_URL / CITEBOTS_DATA_DIR point at the database that holds it).`,
    ExitCode.notFound,
    'not_found',
  );
}
