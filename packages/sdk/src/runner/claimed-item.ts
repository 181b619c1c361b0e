import type { QueryInput } from '../contract/query-input.js';

/** An item a worker holds: the fence for every later write is (id, workerId, attempt). */
export interface ClaimedItem {
  id: string;
  runId: string;
  platform: string;
  query: QueryInput;
  attempt: number;
  maxAttempts: number;
  workerId: string;
}

export interface ClaimedRow {
  id: string;
  analysis_run_id: string;
  platform: string;
  query_id: string;
  query_text: string;
  query_data: Partial<QueryInput> | null;
  attempts: number;
  max_attempts: number;
}

export function toClaimedItem(row: ClaimedRow, workerId: string): ClaimedItem {
  const data = row.query_data ?? {};
  return {
    id: row.id,
    runId: row.analysis_run_id,
    platform: row.platform,
    query: {
      id: row.query_id,
      text: row.query_text,
      keyword: data.keyword ?? null,
      intent: data.intent ?? null,
      category: data.category ?? null,
    },
    attempt: row.attempts,
    maxAttempts: row.max_attempts,
    workerId,
  };
}
