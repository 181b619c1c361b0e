import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRunReport, type RunComparison, type RunReport, rateDelta, wilsonRate } from '@citebots/sdk';
import { createTestDatabase, type TestDatabase } from '@citebots/sdk/testing';
import type { Interfaces } from '@oclif/core';
import { runCommand } from '@oclif/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnalysedRuns, createAnalysedRuns } from './support/analysed-runs.js';
import { sourceCliConfig } from './support/cli-config.js';

let t: TestDatabase;
let runs: AnalysedRuns;
let cli: Interfaces.LoadOptions;
let dir: string;
let reportA: RunReport;
let reportB: RunReport;

beforeAll(async () => {
  cli = sourceCliConfig();
  dir = mkdtempSync(join(tmpdir(), 'citebots-compare-'));
  t = await createTestDatabase('postgres');
  runs = await createAnalysedRuns(t.db, [3, 4], { clientNotNamedIn: [1] });
  reportA = await buildRunReport(t.db, runs.runIds[0]!);
  reportB = await buildRunReport(t.db, runs.runIds[1]!);
}, 240_000);

afterAll(async () => {
  await t?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('rateDelta', () => {
  it("matches Newcombe's (1998) method 10 for 56/70 vs 48/80: 0.200 (0.0524 to 0.3339)", () => {
    const d = rateDelta(wilsonRate(48, 80), wilsonRate(56, 70));
    expect(d.delta).toBeCloseTo(0.2, 10);
    expect(d.ci!.lower).toBeCloseTo(0.0524, 4);
    expect(d.ci!.upper).toBeCloseTo(0.3339, 4);
    expect(d.significant).toBe(true);
    expect(rateDelta(wilsonRate(10, 20), wilsonRate(11, 20)).significant).toBe(false);
    expect(rateDelta(wilsonRate(0, 0), wilsonRate(1, 2)).delta).toBeNull();
  });
});

describe('citebots compare', () => {
  it('--json: deltas with intervals, flipped queries and citation changes that match the two runs', async () => {
    const { result, error } = await runCommand<RunComparison>(
      ['compare', runs.runIds[0]!, runs.runIds[1]!, '--database-url', t.url!, '--json'],
      cli,
    );
    expect(error).toBeUndefined();
    const c = result!;
    expect(c.runA.id).toBe(runs.runIds[0]);
    expect(c.runB.id).toBe(runs.runIds[1]);
    expect(c.segment).toBe('nonBranded');

    // Overall figures are the runs' own headline figures; the delta is B − A inside its interval.
    expect(c.overall.visibility.a).toEqual(reportA.headline.visibility);
    expect(c.overall.visibility.b).toEqual(reportB.headline.visibility);
    for (const d of [c.overall.visibility, c.overall.shareOfVoice, c.overall.citationShare]) {
      expect(d.delta).toBeCloseTo(d.b.value! - d.a.value!, 10);
      expect(d.ci!.lower).toBeLessThanOrEqual(d.delta!);
      expect(d.ci!.upper).toBeGreaterThanOrEqual(d.delta!);
      expect(d.significant).toBe(d.ci!.lower > 0 || d.ci!.upper < 0);
    }
    expect(c.byPlatform.map((p) => p.platform)).toEqual(['chatgpt', 'perplexity']);

    // Flipped: exactly the query × platform pairs whose `mentioned` differs between the runs.
    const key = (a: { queryId: string; platform: string }) => `${a.queryId}|${a.platform}`;
    const before = new Map(reportA.answers.map((a) => [key(a), a.mentioned]));
    const expected = reportB.answers
      .filter((b) => before.has(key(b)) && before.get(key(b)) !== b.mentioned)
      .map((b) => `${key(b)}|${b.mentioned ? 'gained' : 'lost'}`)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(c.flipped.map((f) => `${key(f)}|${f.change}`).sort()).toEqual(expected);
    expect(c.comparedAnswers).toBe(reportB.answers.filter((b) => before.has(key(b))).length);

    // Domains gained and lost: set differences of the cited domains (non-branded answers).
    const domains = (r: RunReport) =>
      new Set(
        r.answers.filter((a) => !a.branded).flatMap((a) => a.citations.map((x) => x.domain).filter(Boolean)),
      );
    const da = domains(reportA);
    const db = domains(reportB);
    expect(c.domains.gained.map((g) => g.key).sort()).toEqual([...db].filter((d) => !da.has(d)).sort());
    expect(c.domains.lost.map((g) => g.key).sort()).toEqual([...da].filter((d) => !db.has(d)).sort());
    const pages = (r: RunReport) =>
      new Set(r.answers.filter((a) => !a.branded).flatMap((a) => a.citations.map((x) => x.url)));
    const pa = pages(reportA);
    const pb = pages(reportB);
    expect(c.pages.gained.length).toBe([...pb].filter((u) => !pa.has(u)).length);
    expect(c.pages.lost.length).toBe([...pa].filter((u) => !pb.has(u)).length);
    expect(c.pages.gained.length + c.pages.lost.length).toBeGreaterThan(0);
  });

  it('prints a readable summary without --json, and exits 8 for an unknown run', async () => {
    const { stdout, error } = await runCommand(
      ['compare', runs.runIds[0]!, 'latest', '--database-url', t.url!],
      cli,
    );
    expect(error).toBeUndefined();
    expect(stdout).toContain('Visibility');
    expect(stdout).toContain('Share of voice');
    expect(stdout).toMatch(/Queries that flipped: \d+ now mention Acme Mail, \d+ no longer do\./);
    expect(stdout).toContain('95% CI');
    const missing = await runCommand(
      ['compare', runs.runIds[0]!, 'not-a-run', '--database-url', t.url!],
      cli,
    );
    expect(process.exitCode).toBe(8);
    process.exitCode = 0;
    expect(missing.stderr).toContain('RUN_B: No run not-a-run in this database');
  });
});
