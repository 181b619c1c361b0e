import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunReport } from '@citebots/sdk';
import type { Interfaces } from '@oclif/core';
import { runCommand } from '@oclif/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoResult } from '../../src/commands/demo.js';
import { sourceCliConfig } from './support/cli-config.js';

const SENTINEL = 'sk-user-real-key-must-not-be-used-0123456789';
const ENV_KEYS = [
  'PERPLEXITY_API_KEY',
  'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
  'GEMINI_API_KEY',
  'GOOGLE_API_KEY',
  'DATABASE_URL',
];
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
let dir: string;
let cli: Interfaces.LoadOptions;

beforeAll(() => {
  cli = sourceCliConfig();
  dir = mkdtempSync(join(tmpdir(), 'citebots-demo-'));
  // A user's real keys and database are in the environment: the demo must use neither.
  for (const k of ENV_KEYS) process.env[k] = SENTINEL;
  process.env.DATABASE_URL = 'postgres://nobody@192.0.2.1:5432/never';
});

afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('citebots demo', () => {
  it('analyses the example client on four engines against the local fake server, SIMULATED, and writes the report', async () => {
    const first = await runCommand<DemoResult>(['demo', '--dir', dir, '--queries', '3', '--json'], cli);
    expect(first.error).toBeUndefined();
    const r = first.result!;
    expect(r.simulated).toBe(true);
    expect(r.platforms.sort()).toEqual(['chatgpt', 'claude', 'gemini', 'perplexity']);
    expect(r.skippedPlatforms).toEqual([]);
    expect(r.answers).toBe(12);
    expect(r.report).toBe(join(dir, 'report.html'));
    expect(existsSync(r.report)).toBe(true);
    expect(first.stderr).toContain('SIMULATED');
    expect(first.stderr).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    const html = readFileSync(r.report, 'utf8');
    expect(html).toContain('id="simulated"');
    expect(html).toContain('SIMULATED DATA');
    expect(html).not.toContain(SENTINEL);
    expect(html).not.toContain('192.0.2.1');

    // A second demo run adds a point to the trend; the report command reads the demo database.
    const second = await runCommand<DemoResult>(['demo', '--dir', dir, '--queries', '3', '--json'], cli);
    expect(second.error).toBeUndefined();
    delete process.env.DATABASE_URL;
    const json = await runCommand(
      ['report', 'latest', '--data-dir', join(dir, 'db'), '--format', 'json'],
      cli,
    );
    expect(json.error).toBeUndefined();
    const report = JSON.parse(json.stdout) as RunReport;
    expect(report.run.id).toBe(second.result!.runId);
    expect(report.trend.map((t) => t.runId)).toEqual([r.runId, second.result!.runId]);
    expect(report.simulated).toBe(true);
    // The cited pages were analysed from simulated pages (no web site fetched): SEO findings show.
    expect(report.pages.length).toBeGreaterThan(0);
    expect(report.pages.every((p) => p.crawlError === null && p.httpStatus === 200)).toBe(true);
    expect(report.pages.some((p) => p.isClient)).toBe(true);
    expect(report.pages.flatMap((p) => p.findings).length).toBeGreaterThan(0);
    expect(JSON.stringify(report)).not.toContain(SENTINEL);
  }, 300_000);
});
