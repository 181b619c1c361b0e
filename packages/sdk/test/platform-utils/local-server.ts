import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

export type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

/**
 * A local HTTP server for the file's tests: each request's body is read whole and passed to the
 * current handler (`setHandler`; default: `{}`). Started before the file's tests, closed after.
 */
export function useLocalServer(): { url: () => string; setHandler: (h: Handler) => void } {
  let server: Server;
  let url = '';
  let handle: Handler = (_req, _body, res) => res.end('{}');
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => handle(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    url: () => url,
    setHandler: (h) => {
      handle = h;
    },
  };
}
