import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/index.js';

const PG = { host: '127.0.0.1', port: 5432 };

/**
 * A TCP proxy to the local PostgreSQL that cuts the connection (both sides) the first time the client
 * sends postgres.js's array-type query, i.e. while a fresh connection is still fetching its types,
 * as a pg_terminate_backend right after a reconnect does.
 */
function cuttingProxy(): Promise<{ server: Server; port: number; cuts: () => number }> {
  let cuts = 0;
  const server = createServer((client: Socket) => {
    const upstream = connect(PG);
    client.on('data', (chunk) => {
      if (cuts === 0 && chunk.includes('typarray')) {
        cuts++;
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0, cuts: () => cuts });
    }),
  );
}

describe('a PostgreSQL connection dropped while it starts', () => {
  let proxy: Awaited<ReturnType<typeof cuttingProxy>>;
  beforeAll(async () => {
    proxy = await cuttingProxy();
  });
  afterAll(async () => {
    await new Promise((r) => proxy?.server.close(r));
  });

  it('is retried on a new connection, and the lost type fetch is not an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const db = await openDatabase({
        url: `postgres://postgres@127.0.0.1:${proxy.port}/test`,
        migrate: false,
        maxConnections: 1,
        env: {},
      });
      try {
        expect(proxy.cuts()).toBe(1);
        expect(await db.query<{ n: number }>('SELECT 41 + 1 AS n')).toEqual([{ n: 42 }]);
      } finally {
        await db.close();
      }
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
