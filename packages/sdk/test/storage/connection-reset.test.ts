import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/index.js';

/**
 * A TCP proxy to the local PostgreSQL whose open connections can be reset (RST): the client sees a
 * socket error, then the close, as when the server's host drops it.
 */
function resettingProxy(): Promise<{ server: Server; port: number; reset: () => void }> {
  const clients = new Set<Socket>();
  const server = createServer((client: Socket) => {
    clients.add(client);
    const upstream = connect({ host: '127.0.0.1', port: 5432 });
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => {
      clients.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => client.destroy());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        server,
        port: typeof address === 'object' && address ? address.port : 0,
        reset: () => {
          for (const c of clients) c.resetAndDestroy();
        },
      });
    }),
  );
}

const settlesWithin = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p.then(
      (value) => ({ settled: true, value }),
      (error: unknown) => ({ settled: true, error }),
    ),
    new Promise<{ settled: false }>((r) => setTimeout(() => r({ settled: false }), ms)),
  ]);

describe('a PostgreSQL connection reset under a running query', () => {
  let proxy: Awaited<ReturnType<typeof resettingProxy>>;
  beforeAll(async () => {
    proxy = await resettingProxy();
  });
  afterAll(async () => {
    await new Promise((r) => proxy?.server.close(r));
  });

  it('a query sent from the failed query’s error handler (before the close) settles: no query is lost', async () => {
    const db = await openDatabase({
      url: `postgres://postgres@127.0.0.1:${proxy.port}/test`,
      migrate: false,
      maxConnections: 1,
      env: {},
    });
    try {
      let retry: Promise<unknown> | null = null;
      const first = db.query('SELECT pg_sleep(5)').catch((error: unknown) => {
        // Runs on the socket error, a tick before the close: a retry goes to the same connection.
        retry = db.query<{ n: number }>('SELECT 41 + 1 AS n');
        throw error;
      });
      await new Promise((r) => setTimeout(r, 200));
      proxy.reset();
      await expect(first).rejects.toMatchObject({
        code: expect.stringMatching(/ECONNRESET|CONNECTION_CLOSED/),
      });
      expect(retry).not.toBeNull();
      const outcome = await settlesWithin(retry!, 5_000);
      expect(outcome.settled).toBe(true);
      // Whatever it settled to, the pool works again afterwards.
      expect(await db.query<{ n: number }>('SELECT 41 + 1 AS n')).toEqual([{ n: 42 }]);
    } finally {
      await db.close();
    }
  });
});
