import chatgpt from '@citebots/plugin-chatgpt';
import claude from '@citebots/plugin-claude';
import perplexity from '@citebots/plugin-perplexity';
import { type AnalysisPlatform, getRunHealth, runWorker, submitRun } from '@citebots/sdk';
import { createTestDatabase, startFakeProviderServer } from '@citebots/sdk/testing';
import { expect, it } from 'vitest';
import { client, makeQueries } from './support/fault-harness.js';

// How a benchmark drives workers from code: runWorker with the real plugins pointed at the fake
// provider server, several workers sharing one PostgreSQL database. Asserts the outcome only.
it('runWorker drives the real plugins against the fake server: two in-process workers, every item once', async () => {
  const fake = await startFakeProviderServer({ brands: ['Knak', 'Brevo'], latency: { minMs: 2, maxMs: 10 } });
  const t = await createTestDatabase('postgres', { applicationName: 'citebots-bench' });
  try {
    const platforms: Record<string, AnalysisPlatform> = {
      perplexity: perplexity.create({ apiKey: 'pplx-bench', baseUrl: fake.url }),
      chatgpt: chatgpt.create({ apiKey: 'sk-bench', baseUrl: `${fake.url}/v1` }),
      claude: claude.create({ apiKey: 'sk-ant-bench', baseUrl: fake.url }),
    };
    const queries = makeQueries(60);
    const { run } = await submitRun(t.db, {
      client,
      queries,
      options: {
        platforms: Object.keys(platforms),
        requestsPerMinute: { perplexity: 60_000, chatgpt: 60_000, claude: 60_000 },
      },
    });
    const started = Date.now();
    let healthChecks = 0;
    let stuckSeen = 0;
    const watcher = setInterval(() => {
      getRunHealth(t.db, run.id)
        .then((h) => {
          healthChecks++;
          stuckSeen += h.stuck;
        })
        .catch(() => {});
    }, 100);
    const stats = await Promise.all(
      [1, 2].map((n) =>
        runWorker({
          db: t.db,
          platforms,
          runId: run.id,
          stopWhenIdle: true,
          concurrency: 8,
          pollMs: 20,
          workerId: `bench-${n}`,
        }),
      ),
    );
    clearInterval(watcher);
    const elapsed = Date.now() - started;
    expect(stats.reduce((n, s) => n + s.completed, 0)).toBe(180);
    const health = await getRunHealth(t.db, run.id);
    expect(health).toMatchObject({ completed: 180, failed: 0, processing: 0, queued: 0, stuck: 0 });
    expect(stuckSeen).toBe(0);
    const [r] = await t.db.query<{ results: number }>(
      'SELECT count(DISTINCT queue_item_id)::int AS results FROM analysis_queries WHERE analysis_run_id = $1',
      [run.id],
    );
    expect(r!.results).toBe(180);
    const maxInFlight = Object.values(fake.stats().byKey).map((k) => k.maxInFlight);
    console.info(
      `programmatic: 180 items, 2 workers x 8, ${elapsed} ms (${((180 / elapsed) * 1000).toFixed(1)} items/s), ` +
        `${healthChecks} health checks, max in flight per key ${maxInFlight.join('/')}`,
    );
  } finally {
    await t.dispose();
    await fake.close();
  }
});
