import {
  type ClientProfile,
  computeRunMetrics,
  type Database,
  loadClientProfile,
  type ReanalyzeResult,
  type RunMetrics,
  reanalyzeRun,
} from '@citebots/sdk';
import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { resolveRun } from '../services/resolve-run.js';
import { formatRate, formatRunMetrics } from '../services/run-metrics-view.js';

interface RowState {
  id: string;
  brand_mentioned: boolean | null;
  brand_rank: number | null;
  brand_sentiment_label: string | null;
  branded_query: boolean | null;
  competitor_mentioned_names: string[] | null;
}

export interface ReanalyzeChanges {
  /** Answers whose client mention flipped, by direction. */
  mentionGained: number;
  mentionLost: number;
  rankChanged: number;
  sentimentChanged: number;
  brandedChanged: number;
  competitorsChanged: number;
  /** Answers with any of the changes above. */
  rowsChanged: number;
}

export interface ReanalyzeCommandResult extends ReanalyzeResult {
  client: { name: string; domain: string | null; source: string };
  changes: ReanalyzeChanges;
  visibility: {
    before: RunMetrics['overall']['nonBranded']['visibility'];
    after: RunMetrics['overall']['nonBranded']['visibility'];
  };
  metrics: RunMetrics;
}

async function rowStates(db: Database, runId: string): Promise<Map<string, RowState>> {
  const rows = await db.query<RowState>(
    `SELECT id::text AS id, brand_mentioned, brand_rank, brand_sentiment_label, branded_query,
            competitor_mentioned_names
       FROM analysis_queries WHERE analysis_run_id = $1 AND model_response IS NOT NULL`,
    [runId],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

function diff(before: Map<string, RowState>, after: Map<string, RowState>): ReanalyzeChanges {
  const c: ReanalyzeChanges = {
    mentionGained: 0,
    mentionLost: 0,
    rankChanged: 0,
    sentimentChanged: 0,
    brandedChanged: 0,
    competitorsChanged: 0,
    rowsChanged: 0,
  };
  for (const [id, b] of before) {
    const a = after.get(id);
    if (!a) continue;
    const names = (x: RowState) => [...(x.competitor_mentioned_names ?? [])].sort().join('\n');
    const flags = [
      Boolean(a.brand_mentioned) !== Boolean(b.brand_mentioned),
      a.brand_rank !== b.brand_rank,
      a.brand_sentiment_label !== b.brand_sentiment_label,
      Boolean(a.branded_query) !== Boolean(b.branded_query),
      names(a) !== names(b),
    ];
    if (flags[0]) {
      if (a.brand_mentioned) c.mentionGained += 1;
      else c.mentionLost += 1;
    }
    if (flags[1]) c.rankChanged += 1;
    if (flags[2]) c.sentimentChanged += 1;
    if (flags[3]) c.brandedChanged += 1;
    if (flags[4]) c.competitorsChanged += 1;
    if (flags.some(Boolean)) c.rowsChanged += 1;
  }
  return c;
}

export default class Reanalyze extends BaseCommand<typeof Reanalyze> {
  static override summary = "Recompute a run's mentions, positions and metrics from its stored answers.";
  static override description =
    'Re-scores every stored answer of RUN (brand and competitor mentions, ranks, sentiment, citations, ' +
    "classification) against the run's client snapshot, or against --client after you added an alias or a " +
    'competitor. No platform is called and nothing is paid. Prints what changed and visibility before -> after. ' +
    "Without --client the run's original snapshot is used again, so pass the same --client on later runs of this command.";
  static override examples = [
    '<%= config.bin %> reanalyze 3f9a1c2e --client client.json',
    '<%= config.bin %> reanalyze 3f9a1c2e --json',
  ];
  static override args = {
    run: Args.string({ description: 'Run id (or its first 8+ characters).', required: true }),
  };
  static override flags = {
    client: Flags.string({
      description: "Client profile (JSON) to score against; default: the run's own snapshot.",
    }),
  };

  public async run(): Promise<ReanalyzeCommandResult> {
    const client: ClientProfile | undefined = this.flags.client
      ? await loadClientProfile(this.flags.client)
      : undefined;
    const db = await this.database();
    const run = await resolveRun(db, this.args.run);
    const beforeMetrics = await computeRunMetrics(db, run.id);
    const before = await rowStates(db, run.id);
    this.note(`Re-analysing ${before.size} stored answers of run ${run.id} (no platform is called)...`);
    const result = await reanalyzeRun(db, run.id, client ? { client } : {});
    const after = await rowStates(db, run.id);
    const metrics = await computeRunMetrics(db, run.id);
    const changes = diff(before, after);
    const visibility = {
      before: beforeMetrics.overall.nonBranded.visibility,
      after: metrics.overall.nonBranded.visibility,
    };
    if (!this.jsonEnabled()) {
      this.log(
        [
          `Run ${run.id}: ${result.updated} answers re-analysed, ${result.skipped} without an answer skipped (analysis v${result.analysisVersion}).`,
          `Answers changed: ${changes.rowsChanged}; client mention +${changes.mentionGained} / -${changes.mentionLost}, ` +
            `rank ${changes.rankChanged}, sentiment ${changes.sentimentChanged}, branded query ${changes.brandedChanged}, competitors ${changes.competitorsChanged}.`,
          `Visibility (non-branded): ${formatRate(visibility.before)} -> ${formatRate(visibility.after)}`,
          '',
          formatRunMetrics(metrics),
        ].join('\n'),
      );
    }
    return {
      ...result,
      client: {
        name: metrics.client.name,
        domain: metrics.client.domain,
        source: this.flags.client ?? 'run snapshot',
      },
      changes,
      visibility,
      metrics,
    };
  }
}
