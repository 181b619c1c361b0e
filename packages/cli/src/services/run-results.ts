import { type Citation, hostMatchesDomain, type Queryable } from '@citebots/sdk';

export interface CitedDomain {
  domain: string;
  /** The client's own domain (or a subdomain of it). */
  own: boolean;
}

/** One (query, platform) item of a run with what its answer said about the brand. */
export interface QueryResultRow {
  queryId: string;
  query: string;
  platform: string;
  status: string;
  attempts: number;
  brandMentioned: boolean | null;
  /** Position of the brand among the tracked brands (client and competitors) in order of first mention. */
  brandRank: number | null;
  /** Position of the brand in a ranked list of the answer, when the answer has one. */
  brandListRank: number | null;
  competitorsMentioned: string[];
  citedDomains: CitedDomain[];
  costUsd: number | null;
  error: string | null;
}

interface Row {
  query_id: string;
  query_text: string;
  platform: string;
  status: string;
  attempts: number;
  error_message: string | null;
  brand_mentioned: boolean | null;
  brand_rank: number | null;
  brand_list_rank: number | null;
  competitor_mentioned_names: string[] | null;
  citations: Citation[] | string | null;
  cost_usd: number | null;
}

function hostOf(url: string): string | null {
  try {
    return (
      new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`).hostname.toLowerCase() || null
    );
  } catch {
    return null;
  }
}

/** Distinct cited domains in citation order, `www.` dropped, the client's own marked. */
export function citedDomains(citations: Citation[], clientDomain: string | null): CitedDomain[] {
  const out: CitedDomain[] = [];
  const seen = new Set<string>();
  for (const c of [...citations].sort((a, b) => a.position - b.position)) {
    const host = hostOf(c.url);
    if (!host) continue;
    const domain = host.replace(/^www\./, '');
    if (seen.has(domain)) continue;
    seen.add(domain);
    out.push({ domain, own: hostMatchesDomain(host, clientDomain) });
  }
  return out;
}

/** Every item of a run with its stored result, in the order of `queryOrder` (the input file) when given. */
export async function loadQueryResults(
  db: Queryable,
  runId: string,
  clientDomain: string | null,
  queryOrder: string[] = [],
): Promise<QueryResultRow[]> {
  const rows = await db.query<Row>(
    `SELECT q.query_id, q.query_text, q.platform, q.status, q.attempts, q.error_message,
            a.brand_mentioned, a.brand_rank, a.brand_list_rank, a.competitor_mentioned_names, a.citations, a.cost_usd
       FROM analysis_queue q
       LEFT JOIN analysis_queries a ON a.queue_item_id = q.id
      WHERE q.analysis_run_id = $1
      ORDER BY q.query_text, q.platform`,
    [runId],
  );
  const order = new Map(queryOrder.map((id, i) => [id, i]));
  const rank = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  return rows
    .map((r) => {
      const citations = (typeof r.citations === 'string' ? JSON.parse(r.citations) : r.citations) ?? [];
      const done = r.status === 'completed';
      return {
        queryId: r.query_id,
        query: r.query_text,
        platform: r.platform,
        status: r.status,
        attempts: r.attempts,
        brandMentioned: done ? Boolean(r.brand_mentioned) : null,
        brandRank: r.brand_rank ?? null,
        brandListRank: r.brand_list_rank ?? null,
        competitorsMentioned: r.competitor_mentioned_names ?? [],
        citedDomains: citedDomains(citations as Citation[], clientDomain),
        costUsd: r.cost_usd === null ? null : Number(r.cost_usd),
        error: r.error_message,
      };
    })
    .sort((a, b) => rank(a.queryId) - rank(b.queryId));
}
