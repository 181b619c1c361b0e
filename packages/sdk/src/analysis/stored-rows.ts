import { jsonValue } from '../common/json-value.js';
import type { Citation } from '../contract/platform-result.js';
import { InputError } from '../errors/input-error.js';
import { type ClientProfile, clientProfileSchema } from '../schemas/client-profile.js';
import type { Queryable } from '../storage/database.js';
import { isCurrentAnalysis } from './analysis-version.js';
import { type AnswerAnalysis, analyzeAnswer } from './answer-analysis.js';

/** Stored citations (the `citations` jsonb of analysis_queries) as Citation objects; tolerant of old rows. */
export function storedCitations(value: unknown): Citation[] {
  const raw = jsonValue(value);
  if (!Array.isArray(raw)) return [];
  const out: Citation[] = [];
  raw.forEach((c, i) => {
    const o = typeof c === 'string' ? { url: c } : (c as Record<string, unknown> | null);
    if (!o || typeof o.url !== 'string') return;
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    out.push({
      url: o.url,
      title: typeof o.title === 'string' ? o.title : null,
      snippet: typeof o.snippet === 'string' ? o.snippet : null,
      position: num(o.position) ?? i + 1,
      startIndex: num(o.startIndex ?? o.start_index),
      endIndex: num(o.endIndex ?? o.end_index),
    });
  });
  return out;
}

function profileFrom(value: unknown): ClientProfile | null {
  const raw = jsonValue(value);
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as Record<string, unknown>;
  const parsed = clientProfileSchema.safeParse({
    name: o.name,
    domain: o.domain,
    aliases: o.aliases ?? [],
    competitors: Array.isArray(o.competitors)
      ? o.competitors.map((c: Record<string, unknown>) => ({
          name: c.name,
          domain: c.domain ?? null,
          aliases: c.aliases ?? [],
        }))
      : [],
    keywords: o.keywords ?? [],
  });
  return parsed.success ? parsed.data : null;
}

/**
 * The client profile a run was analysed for: the run's `client_snapshot`, else the `clients` and
 * `competitors` rows of its client. Throws InputError when the run does not exist.
 */
export async function loadRunClient(db: Queryable, runId: string): Promise<ClientProfile> {
  const [run] = await db.query<{ client_id: string | null; client_snapshot: unknown }>(
    'SELECT client_id, client_snapshot FROM analysis_runs WHERE id = $1',
    [runId],
  );
  if (!run) {
    throw new InputError('run', [
      {
        field: 'runId',
        value: runId,
        problem: 'names no analysis run',
        fix: 'pass the id of an existing run (citebots runs list)',
      },
    ]);
  }
  const snapshot = profileFrom(run.client_snapshot);
  if (snapshot) return snapshot;
  const [client] = await db.query<{ name: string; domain: string | null; aliases: string[] | null }>(
    'SELECT name, domain, aliases FROM clients WHERE id = $1',
    [run.client_id],
  );
  const competitors = await db.query<{ name: string; domain: string | null; aliases: string[] | null }>(
    'SELECT name, domain, aliases FROM competitors WHERE client_id = $1 ORDER BY created_at, name',
    [run.client_id],
  );
  const profile = client ? profileFrom({ ...client, competitors }) : null;
  if (!profile) {
    throw new InputError('run', [
      {
        field: 'client_snapshot',
        value: runId,
        problem: 'has no usable client profile (name and domain) for this run',
        fix: 'pass the client profile explicitly: reanalyzeRun(db, runId, { client })',
      },
    ]);
  }
  return profile;
}

/** The analysis_queries columns an answer's analysis is recomputed from. */
export interface StoredAnswerRow {
  query_id: string | null;
  query_text: string | null;
  query_keyword: string | null;
  query_category: string | null;
  model_response: string;
  citations: unknown;
  mention_analysis: unknown;
}

/**
 * A stored answer's analysis: read as stored when it was made by the current analysis version
 * (keeping any LLM judge values), else (or with `rescore`) recomputed in memory for `client`.
 */
export function storedOrFreshAnalysis(
  row: StoredAnswerRow,
  client: ClientProfile,
  rescore = false,
): AnswerAnalysis {
  const stored = rescore ? null : jsonValue(row.mention_analysis);
  if (isCurrentAnalysis(stored)) return stored;
  return analyzeAnswer(
    {
      query: {
        id: row.query_id ?? '',
        text: row.query_text ?? '',
        keyword: row.query_keyword,
        category: row.query_category,
        intent: null,
      },
      answer: row.model_response,
      citations: storedCitations(row.citations),
    },
    client,
  );
}
