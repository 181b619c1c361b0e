import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QueryInput, runWorker, submitRun } from '../../src/index.js';
import { parseClientProfile, toQueryInputs } from '../../src/schemas/index.js';
import { createTestDatabase, type TestDatabase } from '../../src/testing/index.js';
import { fakePlatform } from './fake-platform.js';

const client = parseClientProfile({ name: 'Knak', domain: 'knak.com' });
const queries: QueryInput[] = toQueryInputs([{ text: 'One?' }, { text: 'Two?' }, { text: 'Three?' }]);

describe('afterResult work runs beside the call slots', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('pglite');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('does not hold engine calls back, and the worker returns only after it settled', async () => {
    const { run } = await submitRun(t.db, { client, queries, options: { platforms: ['perplexity'] } });
    let completed = 0;
    let release: () => void = () => {};
    const allCalled = new Promise<void>((r) => {
      release = r;
    });
    const settled: string[] = [];
    const stats = await runWorker({
      db: t.db,
      platforms: { perplexity: fakePlatform('perplexity') },
      runId: run.id,
      stopWhenIdle: true,
      concurrency: 1,
      afterResultConcurrency: 5,
      pollMs: 10,
      onEvent: (e) => {
        if (e.type === 'item-completed' && ++completed === queries.length) release();
      },
      // With one call slot, a hook that waits for every call would deadlock if it held the slot.
      afterResult: async ({ resultId }) => {
        await allCalled;
        settled.push(resultId);
      },
    });
    expect(stats.completed).toBe(3);
    expect(settled).toHaveLength(3);
  });

  it('a failing hook never fails the item', async () => {
    const { run } = await submitRun(t.db, { client, queries, options: { platforms: ['claude'] } });
    const stats = await runWorker({
      db: t.db,
      platforms: { claude: fakePlatform('claude') },
      runId: run.id,
      stopWhenIdle: true,
      pollMs: 10,
      afterResult: async () => {
        throw new Error('crawler exploded');
      },
    });
    expect(stats).toMatchObject({ completed: 3, failed: 0 });
  });
});
