import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/index.js';
import { startPostgresProxy } from './postgres-proxy.js';

const openThrough = (port: number) =>
  openDatabase({
    url: `postgres://postgres@127.0.0.1:${port}/test`,
    migrate: false,
    maxConnections: 1,
    env: {},
  });

const settlesWithin = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p.then(
      () => true,
      () => true,
    ),
    new Promise<false>((r) => setTimeout(() => r(false), ms)),
  ]);

describe('PostgreSQL connection faults (postgres.js, with the project patch)', () => {
  it('a query sent from the failed query’s error handler, before the reset connection closes, settles: no query is lost', async () => {
    const proxy = await startPostgresProxy();
    const db = await openThrough(proxy.port);
    try {
      let retry: Promise<unknown> | null = null;
      const first = db.query('SELECT pg_sleep(5)').catch((error: unknown) => {
        // Runs on the socket error, a tick before the close: the retry goes to the same connection.
        retry = db.query('SELECT 1');
        throw error;
      });
      await new Promise((r) => setTimeout(r, 200));
      proxy.reset();
      await expect(first).rejects.toMatchObject({
        code: expect.stringMatching(/ECONNRESET|CONNECTION_CLOSED/),
      });
      expect(retry).not.toBeNull();
      expect(await settlesWithin(retry!, 5_000)).toBe(true);
      // Whatever it settled to, the pool works again afterwards.
      expect(await db.query<{ n: number }>('SELECT 41 + 1 AS n')).toEqual([{ n: 42 }]);
    } finally {
      await db.close();
      await proxy.close();
    }
  });

  it('a connection cut while it fetches its array types is replaced, and nothing rejects unhandled', async () => {
    const proxy = await startPostgresProxy({ cutOnClientText: 'typarray' });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const db = await openThrough(proxy.port);
      try {
        expect(proxy.cuts).toBe(1);
        expect(await db.query<{ n: number }>('SELECT 41 + 1 AS n')).toEqual([{ n: 42 }]);
      } finally {
        await db.close();
      }
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await proxy.close();
    }
  });
});
