import { loadRunClient } from '../analysis/stored-rows.js';
import { InputError } from '../errors/input-error.js';
import { computeRunMetrics } from '../metrics/run-metrics.js';
import type { VisibilityMetrics } from '../metrics/types.js';
import { getRun } from '../runner/run-summary.js';
import type { RunSummary } from '../runner/types.js';
import type { Queryable } from '../storage/database.js';
import { headlineSegment } from './build-run-report.js';
import { type AnalysedAnswer, loadRunAnswers } from './load-answers.js';
import { rateDelta } from './rate-difference.js';
import type { CitationChange, FlippedQuery, MetricDeltas, RunComparison } from './types.js';

function deltas(a: VisibilityMetrics | undefined, b: VisibilityMetrics | undefined): MetricDeltas {
  const empty = { value: null, successes: 0, n: 0, ci: null };
  return {
    answersA: a?.answers ?? 0,
    answersB: b?.answers ?? 0,
    visibility: rateDelta(a?.visibility ?? empty, b?.visibility ?? empty),
    shareOfVoice: rateDelta(a?.shareOfVoice ?? empty, b?.shareOfVoice ?? empty),
    citationShare: rateDelta(a?.citationShare ?? empty, b?.citationShare ?? empty),
  };
}

function citationCounts(answers: AnalysedAnswer[], key: 'url' | 'domain') {
  const out = new Map<string, { isClient: boolean; competitor: string | null; n: number }>();
  for (const { analysis } of answers) {
    for (const c of analysis.citations) {
      const k = key === 'url' ? c.url : c.domain;
      if (!k) continue;
      const slot = out.get(k) ?? { isClient: c.isClient, competitor: c.competitor, n: 0 };
      slot.n += 1;
      out.set(k, slot);
    }
  }
  return out;
}

function citationChanges(a: AnalysedAnswer[], b: AnalysedAnswer[], key: 'url' | 'domain') {
  const ca = citationCounts(a, key);
  const cb = citationCounts(b, key);
  const change = (k: string, x: { isClient: boolean; competitor: string | null }): CitationChange => ({
    key: k,
    isClient: x.isClient,
    competitor: x.competitor,
    citationsA: ca.get(k)?.n ?? 0,
    citationsB: cb.get(k)?.n ?? 0,
  });
  const order = (x: CitationChange, y: CitationChange) =>
    Number(y.isClient) - Number(x.isClient) ||
    Math.abs(y.citationsB - y.citationsA) - Math.abs(x.citationsB - x.citationsA) ||
    x.key.localeCompare(y.key);
  return {
    gained: [...cb]
      .filter(([k]) => !ca.has(k))
      .map(([k, v]) => change(k, v))
      .sort(order),
    lost: [...ca]
      .filter(([k]) => !cb.has(k))
      .map(([k, v]) => change(k, v))
      .sort(order),
  };
}

function notFound(arg: string, runId: string): InputError {
  return new InputError(arg, [
    {
      field: 'run',
      value: runId,
      problem: 'names no analysis run',
      fix: 'pass the id of an existing run (citebots runs list)',
    },
  ]);
}

function runInfo(r: RunSummary) {
  return { id: r.id, createdAt: r.createdAt.toISOString(), status: r.status };
}

/**
 * What changed from run A to run B of a client: visibility, share of voice and citation share
 * (overall and per platform, B − A with 95% Newcombe intervals), cited domains and pages gained
 * and lost, and the query × platform pairs whose outcome flipped (mentioned ↔ not).
 * Both runs are scored against run B's client profile, so a renamed competitor does not show as a change.
 */
export async function compareRuns(db: Queryable, runIdA: string, runIdB: string): Promise<RunComparison> {
  const runA = await getRun(db, runIdA);
  if (!runA) throw notFound('RUN_A', runIdA);
  const runB = await getRun(db, runIdB);
  if (!runB) throw notFound('RUN_B', runIdB);
  const client = await loadRunClient(db, runIdB);
  const ma = await computeRunMetrics(db, runIdA, { client });
  const mb = await computeRunMetrics(db, runIdB, { client });
  const segment = headlineSegment(mb.overall).name;
  const answersA = await loadRunAnswers(db, runIdA, client, { rescore: true });
  const answersB = await loadRunAnswers(db, runIdB, client, { rescore: true });
  const inSegment = (x: AnalysedAnswer) => (segment === 'branded' ? x.answer.branded : !x.answer.branded);

  const byKey = new Map<string, AnalysedAnswer>();
  for (const x of answersA) byKey.set(`${x.answer.queryId}\u0000${x.answer.platform}`, x);
  const flipped: FlippedQuery[] = [];
  let compared = 0;
  for (const y of answersB) {
    const x = byKey.get(`${y.answer.queryId}\u0000${y.answer.platform}`);
    if (!x) continue;
    compared += 1;
    if (x.answer.mentioned === y.answer.mentioned) continue;
    const gained = y.answer.mentioned;
    flipped.push({
      queryId: y.answer.queryId,
      query: y.answer.query,
      platform: y.answer.platform,
      change: gained ? 'gained' : 'lost',
      excerpt: gained
        ? (y.answer.excerpts[0] ?? y.answer.opening)
        : (x.answer.excerpts[0] ?? x.answer.opening),
    });
  }
  flipped.sort(
    (p, q) =>
      p.change.localeCompare(q.change) ||
      p.query.localeCompare(q.query) ||
      p.platform.localeCompare(q.platform),
  );

  const platforms = [...new Set([...Object.keys(ma.byPlatform), ...Object.keys(mb.byPlatform)])].sort();
  const a = answersA.filter(inSegment);
  const b = answersB.filter(inSegment);
  return {
    runA: runInfo(runA),
    runB: runInfo(runB),
    client: { name: client.name, domain: client.domain },
    segment,
    overall: deltas(ma.overall[segment], mb.overall[segment]),
    byPlatform: platforms.map((platform) => ({
      platform,
      ...deltas(ma.byPlatform[platform]?.[segment], mb.byPlatform[platform]?.[segment]),
    })),
    domains: citationChanges(a, b, 'domain'),
    pages: citationChanges(a, b, 'url'),
    flipped,
    comparedAnswers: compared,
  };
}
