import type { Database } from '@citebots/sdk';
import { PAGE_ANALYSIS_CASTS, PAGE_ANALYSIS_COLUMNS, type PageAnalysisRow } from './page-analysis-row.js';

const COLUMN_LIST = PAGE_ANALYSIS_COLUMNS.join(', ');
const PLACEHOLDERS = PAGE_ANALYSIS_COLUMNS.map((column, i) => {
  const cast = PAGE_ANALYSIS_CASTS[column];
  return cast ? `$${i + 1}::${cast}` : `$${i + 1}`;
}).join(', ');
const INSERT = `INSERT INTO page_analyses (${COLUMN_LIST}) VALUES (${PLACEHOLDERS})`;

/**
 * Replaces the page analyses of one stored result in one transaction, so that running the
 * hook again for the same result (a retried item) leaves one row per citation.
 */
export async function replacePageAnalyses(
  db: Database,
  resultId: string,
  rows: PageAnalysisRow[],
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM page_analyses WHERE query_id = $1::uuid', [resultId]);
    for (const row of rows) {
      await tx.query(
        INSERT,
        PAGE_ANALYSIS_COLUMNS.map((column) => row[column]),
      );
    }
  });
}
