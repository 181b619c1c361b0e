import { jsonValue } from '../common/json-value.js';
import type { ClientProfile } from '../schemas/client-profile.js';
import type { Database } from '../storage/database.js';
import { ANSWER_ANALYSIS_COLUMN_CASTS, analyzeAnswer, answerAnalysisColumns } from './answer-analysis.js';
import { reapplyStoredJudgement } from './llm-judge.js';
import { loadRunClient, storedCitations } from './stored-rows.js';

export interface ReanalyzeOptions {
  /** A newer client profile (aliases, competitors) to score against; default: the run's snapshot. */
  client?: ClientProfile;
  /** Rows per transaction (default 200). */
  batchSize?: number;
  /** Drop stored LLM judgements instead of re-applying them to the recomputed analysis. */
  dropJudgements?: boolean;
}

export interface ReanalyzeResult {
  runId: string;
  /** Result rows of the run. */
  total: number;
  /** Rows whose derived columns were recomputed. */
  updated: number;
  /** Rows without a stored answer (failed items), left as they are. */
  skipped: number;
  batches: number;
  analysisVersion: number;
}

interface StoredRow {
  id: string;
  query_id: string | null;
  query_text: string | null;
  query_keyword: string | null;
  query_category: string | null;
  model_response: string | null;
  citations: unknown;
  query_data: unknown;
  mention_analysis: unknown;
}

/** `col = $n` with the casts JSON and array columns need. */
function updateStatement(columns: string[]): string {
  const sets = columns.map((c, i) => {
    const cast = ANSWER_ANALYSIS_COLUMN_CASTS[c];
    return `${c} = $${i + 1}${cast ? `::${cast}` : ''}`;
  });
  return `UPDATE analysis_queries SET ${sets.join(', ')}, analyzed_at = now() WHERE id = $${columns.length + 1}`;
}

/**
 * Recomputes every derived column of a run's `analysis_queries` rows from the stored answers
 * (`model_response`, `citations`) and the run's client snapshot, or a newer profile. Never calls a
 * platform. One transaction per batch: a crash leaves whole batches done, and running it again is
 * harmless (the result depends only on the stored answer and the profile). LLM judgements stored
 * with a row are re-applied on top of the recomputed mentions unless `dropJudgements` is set.
 */
export async function reanalyzeRun(
  db: Database,
  runId: string,
  options: ReanalyzeOptions = {},
): Promise<ReanalyzeResult> {
  const client = options.client ?? (await loadRunClient(db, runId));
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 200, 5000));
  const result: ReanalyzeResult = {
    runId,
    total: 0,
    updated: 0,
    skipped: 0,
    batches: 0,
    analysisVersion: 0,
  };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await db.query<StoredRow>(
      `SELECT a.id::text AS id, a.query_id, a.query_text, a.query_keyword, a.query_category,
              a.model_response, a.citations, a.mention_analysis, q.query_data
         FROM analysis_queries a
         LEFT JOIN analysis_queue q ON q.id = a.queue_item_id
        WHERE a.analysis_run_id = $1 AND a.id > $2::uuid
        ORDER BY a.id
        LIMIT $3`,
      [runId, after, batchSize],
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    result.total += rows.length;
    const work = rows.filter((r) => typeof r.model_response === 'string');
    result.skipped += rows.length - work.length;
    if (work.length === 0) continue;
    await db.transaction(async (tx) => {
      for (const row of work) {
        const data = (jsonValue(row.query_data) ?? {}) as Record<string, unknown>;
        const fresh = analyzeAnswer(
          {
            query: {
              id: row.query_id ?? row.id,
              text: row.query_text ?? '',
              keyword: row.query_keyword,
              category: row.query_category,
              intent: typeof data.intent === 'string' ? data.intent : null,
            },
            answer: row.model_response!,
            citations: storedCitations(row.citations),
          },
          client,
        );
        const analysis = options.dropJudgements
          ? fresh
          : reapplyStoredJudgement(fresh, jsonValue(row.mention_analysis));
        result.analysisVersion = analysis.version;
        const cols = answerAnalysisColumns(analysis);
        const names = Object.keys(cols);
        await tx.query(updateStatement(names), [...names.map((n) => cols[n]), row.id]);
      }
    });
    result.updated += work.length;
    result.batches += 1;
  }
  return result;
}
