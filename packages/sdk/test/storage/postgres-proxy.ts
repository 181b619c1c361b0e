import { connect, createServer, type Socket } from 'node:net';

export interface PostgresProxy {
  port: number;
  /** How many connections were cut on `cutOnClientText`. */
  readonly cuts: number;
  /** Resets (RST) every open connection: the client sees a socket error, then the close. */
  reset(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy to the local PostgreSQL for connection-fault tests. With `cutOnClientText`, the first
 * client message containing that text is not forwarded: the connection is cut (both sides) instead.
 */
export function startPostgresProxy(options: { cutOnClientText?: string } = {}): Promise<PostgresProxy> {
  const clients = new Set<Socket>();
  let cuts = 0;
  const server = createServer((client: Socket) => {
    clients.add(client);
    const upstream = connect({ host: '127.0.0.1', port: 5432 });
    client.on('data', (chunk) => {
      if (options.cutOnClientText && cuts === 0 && chunk.includes(options.cutOnClientText)) {
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
        port: typeof address === 'object' && address ? address.port : 0,
        get cuts() {
          return cuts;
        },
        reset: () => {
          for (const c of clients) c.resetAndDestroy();
        },
        close: () => new Promise((r) => server.close(() => r())),
      });
    }),
  );
}
