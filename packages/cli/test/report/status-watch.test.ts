import perplexity from '@citebots/plugin-perplexity';
import { parseClientProfile, runWorker, submitRun, toQueryInputs } from '@citebots/sdk';
import { createTestDatabase, startFakeProviderServer, type TestDatabase } from '@citebots/sdk/testing';
import type { Interfaces } from '@oclif/core';
import { runCommand } from '@oclif/test';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sourceCliConfig } from './support/cli-config.js';

let t: TestDatabase;
let cli: Interfaces.LoadOptions;
beforeAll(async () => {
  cli = sourceCliConfig();
  t = await createTestDatabase('postgres');
}, 120_000);
afterAll(async () => {
  await t?.dispose();
});

it('status --watch follows a run a worker executes until it completes (plain lines without a TTY)', async () => {
  const server = await startFakeProviderServer({
    brands: ['Acme Mail'],
    domains: ['acmemail.com'],
    latency: { fixedMs: 1500 },
  });
  try {
    const { run } = await submitRun(t.db, {
      client: parseClientProfile({ name: 'Acme Mail', domain: 'acmemail.com' }),
      queries: toQueryInputs([
        { text: 'best email builder?' },
        { text: 'email tools for Marketo?' },
        { text: 'email QA tools?' },
      ]),
      options: { platforms: ['perplexity'], requestsPerMinute: { perplexity: 6000 } },
    });
    const watching = runCommand(['status', run.id, '--watch', '--database-url', t.url!], cli);
    await new Promise((r) => setTimeout(r, 300));
    await runWorker({
      db: t.db,
      platforms: { perplexity: perplexity.create({ apiKey: 'k', baseUrl: server.url }, {}) },
      runId: run.id,
      stopWhenIdle: true,
      concurrency: 1,
      pollMs: 20,
    });
    const { stderr, error } = await watching;
    expect(error).toBeUndefined();
    // Frames while the run was under way, then the last one.
    expect(stderr).toMatch(new RegExp(`run ${run.id.slice(0, 8)} · Acme Mail · (queued|running)\\n`));
    expect(stderr).toContain(`run ${run.id.slice(0, 8)} · Acme Mail · completed`);
    expect(stderr).toContain('perplexity: 3/3 done · 0 failed · 0 remaining');
    expect(stderr).not.toContain('\x1b[');
  } finally {
    await server.close();
  }
}, 120_000);
