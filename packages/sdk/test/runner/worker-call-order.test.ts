import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Database,
  type PlatformResult,
  type QueryInput,
  runWorker,
  submitRun,
} from '../../src/index.js';
import type { TestDatabase } from '../../src/testing/index.js';
import { fakePlatform } from './fake-platform.js';
import { client, queries } from './run-inputs.js';
import { createRunnerDatabase } from './test-databases.js';

const fast = { pollMs: 20, leaseMs: 5_000 };

/** The same database, with every completion statement answering `delayMs` late (a slow store). */
function slowCompletions(db: Database, delayMs: number, log: string[]): Database {
  const query: Database['query'] = async (text, params) => {
    const slow = text.trimStart().startsWith('WITH done AS');
    if (slow) log.push('store-start');
    const rows = await db.query(text, params);
    if (slow) {
      await new Promise((r) => setTimeout(r, delayMs));
      log.push('store-end');
    }
    return rows as never;
  };
  return {
    kind: db.kind,
    query,
    transaction: (fn) => db.transaction(fn),
    exec: (text) => db.exec(text),
    close: () => db.close(),
  };
}

const answer = (query: QueryInput): PlatformResult => ({
  platform: 'perplexity',
  model: 'm',
  answer: `About ${query.text}: Knak.`,
  citations: [],
  sources: [],
  searchQueries: [],
  usage: null,
  cost: { totalUsd: 0.01, source: 'estimate' },
  raw: null,
  providerMetadata: {},
});

describe('when a worker calls (PostgreSQL)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createRunnerDatabase('postgres');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('loads each platform (prepare) when the worker starts, before its first call', async () => {
    const { run } = await submitRun(t.db, {
      client,
      queries: queries(2, 'prepare'),
      options: { platforms: ['perplexity'] },
    });
    const log: string[] = [];
    const platform = fakePlatform('perplexity', async (query) => {
      log.push('execute');
      return answer(query);
    });
    platform.prepare = async () => {
      log.push('prepare');
    };
    const stats = await runWorker({
      db: t.db,
      platforms: { perplexity: platform },
      runId: run.id,
      stopWhenIdle: true,
      ...fast,
    });
    expect(stats.completed).toBe(2);
    expect(log).toEqual(['prepare', 'execute', 'execute']);
  });

  it("with a cost cap, the next call waits until the last call's cost is stored", async () => {
    const { run } = await submitRun(t.db, {
      client,
      queries: queries(4, 'capped'),
      options: { platforms: ['perplexity'], maxCostUsd: 100 },
    });
    const log: string[] = [];
    const platform = fakePlatform('perplexity', async (query) => {
      log.push('call');
      return answer(query);
    });
    const stats = await runWorker({
      db: slowCompletions(t.db, 100, log),
      platforms: { perplexity: platform },
      runId: run.id,
      concurrency: 1,
      stopWhenIdle: true,
      ...fast,
    });
    expect(stats.completed).toBe(4);
    // One call, then its store, then the next call: never a call while a cost is unrecorded.
    expect(log.filter((e) => e !== 'store-start')).toEqual([
      'call',
      'store-end',
      'call',
      'store-end',
      'call',
      'store-end',
      'call',
      'store-end',
    ]);
  });
});
