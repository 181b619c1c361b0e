import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimItems, completeItem, getRun, releaseItems, submitRun } from '../../src/index.js';
import type { TestDatabase } from '../../src/testing/index.js';
import { fakePlatform } from './fake-platform.js';
import { client, queries } from './run-inputs.js';
import { createRunnerDatabase, type RunnerDbKind, runnerKinds } from './test-databases.js';

const lease = { leaseMs: 60_000 };

describe.each<RunnerDbKind>(await runnerKinds())(
  'complete and claim the next item in one statement on %s',
  (kind) => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createRunnerDatabase(kind);
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it('a one-at-a-time worker goes through a run with one statement per item and closes it', async () => {
      const { run } = await submitRun(t.db, {
        client,
        queries: queries(4, 'chain'),
        options: { platforms: ['perplexity', 'claude'] },
      });
      const claimNext = { platforms: ['perplexity'], runId: run.id, ...lease };
      let [item] = await claimItems(t.db, { workerId: 'w1', limit: 1, ...claimNext });
      const seen: string[] = [];
      while (item) {
        seen.push(item.id);
        expect(item.platform).toBe('perplexity');
        const result = await fakePlatform('perplexity').execute(item.query, { client });
        const outcome = await completeItem(t.db, item, result, client, { claimNext });
        expect(outcome.accepted).toBe(true);
        if (outcome.next) {
          // The next item is held by this worker, under the same fence as a claim's.
          expect(outcome.next).toMatchObject({ workerId: 'w1', attempt: 1, runId: run.id });
          expect(seen).not.toContain(outcome.next.id);
        }
        item = outcome.next ?? undefined;
      }
      expect(seen).toHaveLength(4);
      const summary = await getRun(t.db, run.id);
      // Only the Perplexity items were claimed: the Claude ones wait, so the run stays open.
      expect(summary!.counts).toMatchObject({ completed: 4, processing: 0, pending: 4 });
      expect(summary!.status).not.toBe('completed');
    });

    it('claims the next item even when the completion is refused, and the last completion closes the run', async () => {
      const { run } = await submitRun(t.db, {
        client,
        queries: queries(2, 'refused-next'),
        options: { platforms: ['perplexity'] },
      });
      const claimNext = { platforms: ['perplexity'], runId: run.id, ...lease };
      const [first] = await claimItems(t.db, { workerId: 'w2', limit: 1, ...claimNext });
      await releaseItems(t.db, [first!]); // lost: its answer must not be stored
      const result = await fakePlatform('perplexity').execute(first!.query, { client });
      const refused = await completeItem(t.db, first!, result, client, { claimNext });
      expect(refused.accepted).toBe(false);
      expect(refused.next).not.toBeNull();
      const again = await completeItem(t.db, refused.next!, result, client, { claimNext });
      expect(again.accepted).toBe(true);
      const last = await completeItem(t.db, again.next!, result, client, { claimNext });
      expect(last).toMatchObject({ accepted: true, next: null, runStatus: 'completed' });
      const rows = await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM analysis_queries WHERE analysis_run_id = $1',
        [run.id],
      );
      expect(rows[0]!.n).toBe(2);
    });
  },
);
