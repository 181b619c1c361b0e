import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The real Perplexity plugin, from source: the runner stores what a real plugin returns.
import { createPerplexityPlatform } from '../../../plugin-perplexity/src/index.js';
import { type Database, openDatabase, type Queryable, runWorker, submitRun } from '../../src/index.js';
import { parseClientProfile, toQueryInputs } from '../../src/schemas/index.js';
import {
  createTestDatabase,
  type FakeProviderServer,
  startFakeProviderServer,
  type TestDatabase,
  testServerUrl,
} from '../../src/testing/index.js';

const PASSWORD = `Pw-${randomBytes(9).toString('hex')}`;

function withPassword(url: string, password: string, database?: string): string {
  const u = new URL(url);
  u.password = password;
  if (database) u.pathname = `/${database}`;
  return u.toString();
}

/** Everything an error shows anywhere: message, stack, cause chain, own properties. */
function everything(error: unknown): string {
  const seen: string[] = [inspect(error, { depth: 8, showHidden: true })];
  let e: unknown = error;
  while (e instanceof Error) {
    seen.push(String(e.message), String(e.stack), JSON.stringify(e, Object.getOwnPropertyNames(e)));
    e = e.cause;
  }
  return seen.join('\n');
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('a database password never appears in errors', () => {
  it('when the server cannot be reached', async () => {
    const error = await failure(
      openDatabase({ url: `postgres://postgres:${PASSWORD}@127.0.0.1:1/test`, migrate: false, env: {} }),
    );
    expect(everything(error)).toMatch(/127\.0\.0\.1:1/);
    expect(everything(error)).not.toContain(PASSWORD);
  });

  it('when the database does not exist, and when the password is URL-encoded', async () => {
    const encoded = `${PASSWORD}@:/?#%`;
    const url = withPassword(
      testServerUrl(),
      encodeURIComponent(encoded),
      `missing_${randomBytes(4).toString('hex')}`,
    );
    const error = await failure(openDatabase({ url, migrate: false, env: {} }));
    expect(everything(error)).toMatch(/does not exist/);
    expect(everything(error)).not.toContain(PASSWORD);
    expect(everything(error)).not.toContain(encodeURIComponent(encoded));
  });

  it('when statements fail on an open connection (postgres.js errors)', async () => {
    const db = await openDatabase({ url: withPassword(testServerUrl(), PASSWORD), migrate: false, env: {} });
    try {
      for (const sql of [
        'SELECT * FROM no_such_table',
        'SELECT 1/0',
        'SELEC broken',
        `SELECT pg_terminate_backend(pg_backend_pid())`,
      ]) {
        const error = await failure(db.query(sql));
        expect(everything(error), sql).not.toContain(PASSWORD);
      }
      const error = await failure(db.transaction(async (tx) => tx.query('SELECT $1::int', ['not a number'])));
      expect(everything(error)).not.toContain(PASSWORD);
    } finally {
      await db.close();
    }
  });
});

/** Every row of every table whose text, json or array columns contain `needle`. */
async function rowsContaining(db: Queryable, needle: string): Promise<string[]> {
  const columns = await db.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
        AND (c.data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED'))`,
  );
  const hits: string[] = [];
  for (const { table_name, column_name } of columns) {
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${table_name}" WHERE strpos("${column_name}"::text, $1) > 0`,
      [needle],
    );
    if (row!.n > 0) hits.push(`${table_name}.${column_name} (${row!.n} rows)`);
  }
  return hits;
}

describe('stored rows never contain a configured API key', () => {
  const key = `pplx-${randomBytes(16).toString('hex')}`;
  const wrongKey = `pplx-${randomBytes(16).toString('hex')}`;
  let server: FakeProviderServer;
  let t: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    server = await startFakeProviderServer({
      brands: ['Knak', 'Brevo'],
      domains: ['knak.com', 'g2.com'],
      validKeys: [key],
      echoKeyInErrors: true,
      recordRequests: 50,
      faults: (ctx) => (ctx.question.includes('broken') ? 'malformed' : null),
    });
    t = await createTestDatabase('postgres');
    db = t.db;
  });
  afterAll(async () => {
    await t?.dispose();
    await server?.close();
  });

  it('after a small in-process analysis with answers, a malformed reply and an auth failure that echoes the key', async () => {
    const client = parseClientProfile({
      name: 'Knak',
      domain: 'knak.com',
      competitors: [{ name: 'Brevo', domain: 'brevo.com' }],
    });
    const good = await submitRun(db, {
      client,
      queries: toQueryInputs([
        { text: 'Best email builder?' },
        { text: 'Knak vs Brevo?' },
        { text: 'a broken one' },
      ]),
      options: { platforms: ['perplexity'] },
    });
    await runWorker({
      db,
      platforms: { perplexity: createPerplexityPlatform({ apiKey: key, baseUrl: server.url }, {}) },
      runId: good.run.id,
      stopWhenIdle: true,
      pollMs: 20,
      backoff: { baseMs: 5, capMs: 20 },
    });
    const bad = await submitRun(db, {
      client,
      queries: toQueryInputs([{ text: 'Email tools for agencies?' }]),
      options: { platforms: ['perplexity'], batchId: 'wrong-key' },
    });
    await runWorker({
      db,
      platforms: { perplexity: createPerplexityPlatform({ apiKey: wrongKey, baseUrl: server.url }, {}) },
      runId: bad.run.id,
      stopWhenIdle: true,
      pollMs: 20,
      backoff: { baseMs: 5, capMs: 20 },
    });

    // The run really happened and really failed where it should, so the grep below means something.
    const [answers] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM analysis_queries WHERE model_response IS NOT NULL AND model_response <> ''`,
    );
    expect(answers!.n).toBeGreaterThanOrEqual(2);
    // The auth failure was recorded (the runner pauses the run or fails the item, with the reason).
    const [recorded] = await db.query<{ text: string }>(
      `SELECT concat_ws(' ', r.paused_reason,
                (SELECT string_agg(concat_ws(' ', q.error_message, q.error_details::text), ' ')
                   FROM analysis_queue q WHERE q.analysis_run_id = r.id)) AS text
         FROM analysis_runs r WHERE r.id = $1`,
      [bad.run.id],
    );
    expect(recorded!.text).toMatch(/auth|key|401|denied|invalid/i);
    expect(server.stats().requests.some((r) => r.apiKey === wrongKey)).toBe(true);

    for (const secret of [key, wrongKey, key.slice(5, 25), wrongKey.slice(5, 25)]) {
      expect(await rowsContaining(db, secret), `rows containing ${secret.slice(0, 8)}...`).toEqual([]);
    }
    // The search itself finds a value wherever it is (text, jsonb, arrays).
    const marker = `marker-${randomBytes(6).toString('hex')}`;
    await db.query(
      `UPDATE analysis_runs SET options = options || jsonb_build_object('m', $1::text), keywords = ARRAY[$1::text] WHERE id = $2`,
      [marker, good.run.id],
    );
    expect(await rowsContaining(db, marker)).toEqual([
      'analysis_runs.keywords (1 rows)',
      'analysis_runs.options (1 rows)',
    ]);
  });
});
