import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { openDatabase } from '@citebots/sdk';
import { type FakeProviderServer, startFakeProviderServer } from '@citebots/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, tempDir } from './support/run-cli.js';

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns the built `citebots` binary the way the README runs it, with a clean environment. */
function citebots(
  args: string[],
  env: Record<string, string>,
  onStderr?: (text: string, child: ChildProcess) => void,
): Promise<Finished> {
  const child = spawn(process.execPath, [CLI_BIN, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    onStderr?.(stderr, child);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

let server: FakeProviderServer;
/** One embedded database for the file (creating one is the slow part); each test uses its own batch. */
let dataDir: string;

beforeAll(async () => {
  dataDir = join(tempDir(), 'db');
  server = await startFakeProviderServer({
    brands: ['Knak', 'Stensul', 'Beefree', 'Dyspatch'],
    domains: ['knak.com', 'g2.com', 'stensul.com', 'litmus.com'],
    latency: { fixedMs: 300 },
    validKeys: ['pplx-binary-test-key'],
  });
});

afterAll(async () => {
  await server?.close();
});

describe('the citebots binary', { timeout: 240_000 }, () => {
  it('runs the README analysis on the examples against a local Perplexity endpoint', async () => {
    const r = await citebots(
      [
        'analyze',
        '--platform',
        'perplexity',
        '--client',
        'examples/client.json',
        '--queries',
        'examples/queries.txt',
      ],
      {
        CITEBOTS_DATA_DIR: dataDir,
        PERPLEXITY_API_KEY: 'pplx-binary-test-key',
        PERPLEXITY_BASE_URL: server.url,
      },
    );
    expect(r.stderr).not.toMatch(/^Error:/m);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^query\s+brand\s+cited domains \(\* = yours\)/m);
    expect(r.stdout).toContain('* knak.com');
    expect(r.stdout).toMatch(/Items: 16, completed: 16, failed: 0\. Cost: \$0\.\d+\./);
    expect(r.stderr).toMatch(/\[16\/16\] ok/);
    expect(r.stderr).not.toContain('pplx-binary-test-key');
    expect(server.stats().byProvider.perplexity).toBeGreaterThanOrEqual(16);

    const db = await openDatabase({ url: null, dataDir, env: {} });
    try {
      const rows = await db.query<{ n: number; with_citations: number }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE jsonb_array_length(citations) > 0)::int AS with_citations FROM analysis_queries`,
      );
      expect(rows[0]).toEqual({ n: 16, with_citations: 16 });
    } finally {
      await db.close();
    }
  });

  it('tells a second process that the embedded database is held, pointing to DATABASE_URL (exit 4)', async () => {
    const holder = await openDatabase({ url: null, dataDir, env: {} });
    try {
      const r = await citebots(['status'], { CITEBOTS_DATA_DIR: dataDir });
      expect(r.code).toBe(4);
      expect(r.stderr).toContain(`is open in another process (pid ${process.pid})`);
      expect(r.stderr).toContain('DATABASE_URL=postgres://');
      expect(r.stderr).not.toContain('This looks like a bug');
    } finally {
      await holder.close();
    }
  });

  it('a worker waits for a database that is not up yet, saying so, and stops on SIGTERM (exit 4, no password)', async () => {
    let signalled = false;
    const r = await citebots(
      ['worker', '--platform', 'perplexity'],
      {
        // Nothing listens on port 1: the connection is refused, as while the server starts.
        DATABASE_URL: 'postgres://citebots:s3cret-db-pw@127.0.0.1:1/test',
        PERPLEXITY_API_KEY: 'pplx-binary-test-key',
        PERPLEXITY_BASE_URL: server.url,
      },
      (stderr, child) => {
        if (!signalled && /Trying again in/.test(stderr)) {
          signalled = true;
          child.kill('SIGTERM');
        }
      },
    );
    expect(r.stderr).toMatch(/Cannot reach the database at 127\.0\.0\.1:1\/test.*Trying again in 0\.3 s/);
    expect(r.code).toBe(4);
    expect(r.stderr + r.stdout).not.toContain('s3cret-db-pw');
  });

  it('on SIGTERM releases its claims and exits 130; the same --batch-id then finishes the run', async () => {
    const env = {
      CITEBOTS_DATA_DIR: dataDir,
      PERPLEXITY_API_KEY: 'pplx-binary-test-key',
      PERPLEXITY_BASE_URL: server.url,
    };
    const args = [
      'analyze',
      '-p',
      'perplexity',
      '--client',
      'examples/client.json',
      '--queries',
      'examples/queries.csv',
      '--batch-id',
      'sigterm-1',
      '--concurrency',
      '2',
    ];
    let signalled = false;
    const first = await citebots(args, env, (stderr, child) => {
      if (!signalled && /\[2\/16\] ok/.test(stderr)) {
        signalled = true;
        child.kill('SIGTERM');
      }
    });
    expect(first.code).toBe(130);
    expect(first.stderr).toMatch(
      /Interrupted: \d+ of 16 items done, claims released\. To continue, run the same command again/,
    );

    const status = await citebots(['status', '--json'], env);
    const s = JSON.parse(status.stdout);
    expect(s.run.batchId).toBe('sigterm-1');
    expect(s.run.counts.processing).toBe(0);
    expect(s.run.counts.completed).toBeLessThan(16);

    const second = await citebots(args, env);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`run ${s.run.id} already exists for batch sigterm-1`);
    expect(second.stdout).toMatch(/Run \S+: completed\. Items: 16, completed: 16, failed: 0/);
  });
});
