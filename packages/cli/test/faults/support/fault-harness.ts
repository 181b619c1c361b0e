import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Database, parseClientProfile, type QueryInput, submitRun, toQueryInputs } from '@citebots/sdk';
import {
  createTestDatabase,
  type FakeProviderServer,
  type FakeProviderServerOptions,
  startFakeProviderServer,
  type TestDatabase,
} from '@citebots/sdk/testing';
import { expect } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
export const CLI_BIN = resolve(here, '../../../bin/run.js');
export const CLI_DIST = resolve(here, '../../../dist/commands/worker.js');

export const client = parseClientProfile({
  name: 'Knak',
  domain: 'knak.com',
  competitors: [{ name: 'Brevo', domain: 'brevo.com' }],
});

export function makeQueries(n: number, prefix = 'Question'): QueryInput[] {
  return toQueryInputs(
    Array.from({ length: n }, (_, i) => ({ text: `${prefix} ${i + 1}: best email builder?` })),
  );
}

/** Test-only audit of every claim (who held which item, attempt, from when to when), kept by a trigger. */
const AUDIT_SQL = `
CREATE TABLE test_claims (
  id bigserial PRIMARY KEY, item_id uuid NOT NULL, attempt int NOT NULL, worker text, from_status text,
  started timestamptz NOT NULL, ended timestamptz, end_status text
);
CREATE FUNCTION test_audit_claims() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'processing' AND (NEW.status <> 'processing' OR NEW.processor_id IS DISTINCT FROM OLD.processor_id
      OR NEW.attempts <> OLD.attempts) THEN
    UPDATE test_claims SET ended = clock_timestamp(), end_status = NEW.status WHERE item_id = OLD.id AND ended IS NULL;
  END IF;
  IF NEW.status = 'processing' AND (OLD.status <> 'processing' OR NEW.processor_id IS DISTINCT FROM OLD.processor_id
      OR NEW.attempts <> OLD.attempts) THEN
    INSERT INTO test_claims (item_id, attempt, worker, from_status, started)
    VALUES (NEW.id, NEW.attempts, NEW.processor_id, OLD.status, clock_timestamp());
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER test_audit_claims AFTER UPDATE ON analysis_queue FOR EACH ROW EXECUTE FUNCTION test_audit_claims();
`;

export interface WorkerEvent {
  ts: string;
  workerId: string;
  type: string;
  runId?: string;
  itemId?: string;
  platform?: string;
  queryId?: string;
  attempt?: number;
  delayMs?: number;
  error?: string;
  reason?: string;
}

export interface WorkerProcess {
  child: ChildProcess;
  events: WorkerEvent[];
  /** Lines that were not events (start and stop notes, errors). */
  notes: string[];
  workerId: () => string | null;
  exited: Promise<number | null>;
  /** Resolves when an event matching `pred` has been seen. */
  waitFor(pred: (e: WorkerEvent) => boolean, label: string, timeoutMs?: number): Promise<WorkerEvent>;
}

export interface FaultEnv {
  db: Database;
  test: TestDatabase;
  fake: FakeProviderServer;
  configPath: string;
  workers: WorkerProcess[];
  spawnWorker(args?: { concurrency?: number; leaseSeconds?: number; platforms?: string }): WorkerProcess;
  dispose(): Promise<void>;
}

export const PLATFORMS = ['perplexity', 'chatgpt', 'claude'];

/** A fresh database (with the claim audit), a fake provider server, and a config file for the workers. */
export async function startFaultEnv(
  fakeOptions: FakeProviderServerOptions,
  platformSettings: Record<string, unknown> = { requestsPerMinute: 600_000, timeoutMs: 10_000 },
): Promise<FaultEnv> {
  const test = await createTestDatabase('postgres');
  await test.db.exec(AUDIT_SQL);
  const fake = await startFakeProviderServer({ brands: ['Knak', 'Brevo'], ...fakeOptions });
  const dir = mkdtempSync(join(tmpdir(), 'citebots-faults-'));
  const configPath = join(dir, 'citebots.config.json');
  writeFileSync(
    configPath,
    JSON.stringify({ platforms: Object.fromEntries(PLATFORMS.map((p) => [p, platformSettings])) }),
  );
  const workers: WorkerProcess[] = [];
  const env: FaultEnv = {
    db: test.db,
    test,
    fake,
    configPath,
    workers,
    spawnWorker(args = {}) {
      const w = spawnWorker(test.url!, fake.url, configPath, args);
      workers.push(w);
      return w;
    },
    async dispose() {
      for (const w of workers) {
        if (w.child.exitCode === null && w.child.signalCode === null) {
          w.child.kill('SIGCONT');
          w.child.kill('SIGKILL');
        }
      }
      await Promise.all(workers.map((w) => w.exited));
      await fake.close();
      await test.dispose();
    },
  };
  return env;
}

function spawnWorker(
  databaseUrl: string,
  fakeUrl: string,
  configPath: string,
  args: { concurrency?: number; leaseSeconds?: number; platforms?: string },
): WorkerProcess {
  const child = spawn(
    process.execPath,
    [
      CLI_BIN,
      'worker',
      '--platform',
      args.platforms ?? PLATFORMS.join(','),
      '--concurrency',
      String(args.concurrency ?? 4),
      '--lease-seconds',
      String(args.leaseSeconds ?? 2),
      '--poll-ms',
      '50',
      '--log-json',
      // These scenarios test the queue: the cited-page crawl has its own tests (analyze-crawl).
      '--no-crawl',
      '--config',
      configPath,
    ],
    {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: databaseUrl,
        PERPLEXITY_BASE_URL: fakeUrl,
        PERPLEXITY_API_KEY: 'pplx-fault-test-key',
        OPENAI_BASE_URL: `${fakeUrl}/v1`,
        OPENAI_API_KEY: 'sk-fault-test-key',
        ANTHROPIC_BASE_URL: fakeUrl,
        ANTHROPIC_API_KEY: 'sk-ant-fault-test-key',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const events: WorkerEvent[] = [];
  const notes: string[] = [];
  const waiters: { pred: (e: WorkerEvent) => boolean; resolve: (e: WorkerEvent) => void }[] = [];
  let id: string | null = null;
  let buffer = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    buffer += chunk;
    let nl = buffer.indexOf('\n');
    while (nl >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf('\n');
      if (line.startsWith('{')) {
        const e = JSON.parse(line) as WorkerEvent;
        id ??= e.workerId;
        events.push(e);
        for (const w of [...waiters]) {
          if (w.pred(e)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(e);
          }
        }
      } else if (line.trim()) {
        notes.push(line);
        const m = /^citebots worker (\S+): working/.exec(line);
        if (m) id ??= m[1]!;
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    events,
    notes,
    workerId: () => id,
    exited,
    waitFor(pred, label, timeoutMs = 60_000) {
      const seen = events.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`worker never logged ${label}; notes: ${notes.slice(-5).join(' | ')}`)),
          timeoutMs,
        );
        waiters.push({
          pred,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
      });
    },
  };
}

export async function submit(
  db: Database,
  queries: QueryInput[],
  options: {
    platforms?: string[];
    maxAttempts?: number;
    batchId?: string;
    requestsPerMinute?: Record<string, number>;
  } = {},
) {
  const { run } = await submitRun(db, {
    client,
    queries,
    options: { platforms: options.platforms ?? PLATFORMS, maxAttempts: options.maxAttempts ?? 5, ...options },
  });
  return run;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (polling the database) until the run is finished; a hang guard, not a timing assertion. */
export async function waitForRunEnd(db: Database, runId: string, guardMs = 120_000): Promise<string> {
  const until = Date.now() + guardMs;
  for (;;) {
    const [row] = await db
      .query<{ status: string }>('SELECT status FROM analysis_runs WHERE id = $1', [runId])
      .catch(() => [undefined]);
    if (row && ['completed', 'failed', 'cancelled'].includes(row.status)) return row.status;
    if (Date.now() > until)
      throw new Error(`run ${runId} did not finish (status ${row?.status}): something hangs`);
    await sleep(100);
  }
}

export async function waitForCount(
  db: Database,
  sql: string,
  params: unknown[],
  atLeast: number,
  guardMs = 60_000,
) {
  const until = Date.now() + guardMs;
  for (;;) {
    const [row] = await db.query<{ n: number }>(sql, params).catch(() => [{ n: -1 }]);
    if (row && row.n >= atLeast) return row.n;
    if (Date.now() > until) throw new Error(`never reached ${atLeast}: ${sql}`);
    await sleep(50);
  }
}

type CountName = 'total' | 'queued' | 'processing' | 'completed' | 'failed' | 'cancelled';
type RunCounts = Record<CountName | `q_${Exclude<CountName, 'queued'> | 'pending'}`, number> & {
  results: number;
  distinct_results: number;
  misattributed: number;
};

/**
 * The invariants after every scenario: every item in exactly one terminal state, counters equal to
 * count(*) by status, one result per completed item written by the attempt that held it, no result
 * twice, no claim taken over an item someone held, no two claims of an item overlapping in time,
 * and no item reported completed twice by the workers.
 */
export async function assertInvariants(env: FaultEnv, runId: string, expectedItems: number) {
  const { db } = env;
  const [c] = await db.query<RunCounts>(
    `SELECT r.queries_total AS total, r.queries_queued AS queued, r.queries_processing AS processing,
            r.queries_completed AS completed, r.queries_failed AS failed, r.queries_cancelled AS cancelled,
            q.total AS q_total, q.pending AS q_pending, q.processing AS q_processing, q.completed AS q_completed,
            q.failed AS q_failed, q.cancelled AS q_cancelled,
            (SELECT count(*)::int FROM analysis_queries a WHERE a.analysis_run_id = r.id) AS results,
            (SELECT count(DISTINCT a.queue_item_id)::int FROM analysis_queries a WHERE a.analysis_run_id = r.id) AS distinct_results,
            (SELECT count(*)::int FROM analysis_queries a JOIN analysis_queue i ON i.id = a.queue_item_id
              WHERE a.analysis_run_id = r.id AND (i.status <> 'completed' OR a.attempt <> i.attempts)) AS misattributed
       FROM analysis_runs r,
            LATERAL (SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'pending')::int AS pending,
                            count(*) FILTER (WHERE status = 'processing')::int AS processing,
                            count(*) FILTER (WHERE status = 'completed')::int AS completed,
                            count(*) FILTER (WHERE status = 'failed')::int AS failed,
                            count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled
                       FROM analysis_queue WHERE analysis_run_id = r.id) q
      WHERE r.id = $1`,
    [runId],
  );
  expect(c!.q_total).toBe(expectedItems);
  expect(c!.q_pending + c!.q_processing).toBe(0);
  expect(c!.q_completed + c!.q_failed + c!.q_cancelled).toBe(expectedItems);
  expect([c!.total, c!.queued, c!.processing, c!.completed, c!.failed, c!.cancelled]).toEqual([
    c!.q_total,
    c!.q_pending,
    c!.q_processing,
    c!.q_completed,
    c!.q_failed,
    c!.q_cancelled,
  ]);
  expect(c!.results).toBe(c!.q_completed);
  expect(c!.distinct_results).toBe(c!.results);
  expect(c!.misattributed).toBe(0);

  const [claims] = await db.query<{ taken_over: number; open: number; overlapping: number }>(
    `SELECT (SELECT count(*)::int FROM test_claims WHERE from_status = 'processing') AS taken_over,
            (SELECT count(*)::int FROM test_claims WHERE ended IS NULL) AS open,
            (SELECT count(*)::int FROM test_claims a JOIN test_claims b ON a.item_id = b.item_id AND a.id < b.id
              WHERE a.started < coalesce(b.ended, 'infinity') AND b.started < coalesce(a.ended, 'infinity')) AS overlapping`,
  );
  expect(claims).toEqual({ taken_over: 0, open: 0, overlapping: 0 });

  const completions = new Map<string, number>();
  for (const w of env.workers) {
    for (const e of w.events) {
      if (e.type === 'item-completed' && e.runId === runId) {
        completions.set(e.itemId!, (completions.get(e.itemId!) ?? 0) + 1);
      }
    }
  }
  expect([...completions.values()].filter((n) => n > 1)).toEqual([]);
  return c!;
}
