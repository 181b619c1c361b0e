import type { Queryable } from '../storage/database.js';

const LABEL = 'simulated answer from the Citebots fake provider';

/** True when any answer of the run came from the Citebots fake provider (its label or marker field). */
export async function isSimulatedRun(db: Queryable, runId: string): Promise<boolean> {
  const rows = await db.query<{ simulated: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM analysis_queries
        WHERE analysis_run_id = $1
          AND (position($2 in coalesce(model_response, '')) > 0
               OR position('citebots_simulated' in coalesce(raw_response::text, '')) > 0
               OR position('citebots_simulated' in coalesce(provider_metadata::text, '')) > 0)
     ) AS simulated`,
    [runId, LABEL],
  );
  return rows[0]?.simulated === true;
}
