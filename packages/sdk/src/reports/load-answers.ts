import type { AnswerAnalysis } from '../analysis/answer-analysis.js';
import { type StoredAnswerRow, storedCitations, storedOrFreshAnalysis } from '../analysis/stored-rows.js';
import type { ClientProfile } from '../schemas/client-profile.js';
import type { Queryable } from '../storage/database.js';
import { excerptsAround, openingOf } from './answer-excerpts.js';
import type { ReportAnswer } from './types.js';

interface AnswerRow extends StoredAnswerRow {
  id: string;
  platform: string | null;
  data_source: string | null;
  model: string | null;
  cost_usd: number | string | null;
  created_at: Date | string;
}

/** One stored answer with its analysis (read as stored when current, else recomputed in memory). */
export interface AnalysedAnswer {
  answer: ReportAnswer;
  analysis: AnswerAnalysis;
  citationTitles: Map<string, string>;
}

function iso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

/** The run's answers (completed results with a response), in a stable order; `rescore` re-analyses every answer for `client`. */
export async function loadRunAnswers(
  db: Queryable,
  runId: string,
  client: ClientProfile,
  options: { rescore?: boolean } = {},
): Promise<AnalysedAnswer[]> {
  const rows = await db.query<AnswerRow>(
    `SELECT id, platform, data_source, model, query_id, query_text, query_keyword, query_category,
            model_response, citations, mention_analysis, cost_usd, created_at
       FROM analysis_queries
      WHERE analysis_run_id = $1 AND model_response IS NOT NULL AND coalesce(status, 'completed') = 'completed'
      ORDER BY query_text, platform, id`,
    [runId],
  );
  return rows.map((r) => {
    const citations = storedCitations(r.citations);
    const analysis = storedOrFreshAnalysis(r, client, Boolean(options.rescore));
    const brand = analysis.brand;
    const titles = new Map<string, string>();
    for (const c of citations) if (c.title) titles.set(c.url, c.title);
    const answer: ReportAnswer = {
      resultId: r.id,
      queryId: r.query_id ?? r.id,
      query: r.query_text ?? '',
      category: r.query_category,
      platform: r.platform ?? r.data_source ?? 'unknown',
      model: r.model,
      branded: analysis.branded,
      mentioned: brand.mentioned,
      mentionType: brand.mentionType,
      rank: brand.rank,
      listRank: brand.listRank,
      sentiment: brand.sentimentLabel,
      competitorsMentioned: analysis.competitors.filter((c) => c.mentioned).map((c) => c.name),
      citations: analysis.citations.map((c) => ({
        url: c.url,
        domain: c.domain,
        isClient: c.isClient,
        competitor: c.competitor,
      })),
      excerpts: excerptsAround(r.model_response, brand.mentionOffsets ?? []),
      opening: openingOf(r.model_response),
      costUsd: r.cost_usd === null ? null : Number(r.cost_usd),
      createdAt: iso(r.created_at),
    };
    return { answer, analysis, citationTitles: titles };
  });
}
