import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeHttpHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface FakeHttpServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string;
  port: number;
  /** The underlying node:http server. */
  server: Server;
  /** Stops listening and drops every open connection, including requests still held. */
  close(): Promise<void>;
}

export interface FakeHttpServerOptions {
  /** Port on 127.0.0.1 (default 0: any free port). */
  port?: number;
}

/**
 * A local HTTP server on 127.0.0.1 for tests of a provider the fake provider server does not speak.
 * The handler answers in the provider's real wire format; an error it throws becomes a 500.
 */
export async function startFakeHttpServer(
  handler: FakeHttpHandler,
  options: FakeHttpServerOptions = {},
): Promise<FakeHttpServer> {
  const server = createServer({ keepAlive: true }, (request, response) => {
    Promise.resolve()
      .then(() => handler(request, response))
      .catch((error: unknown) => {
        if (response.headersSent) response.destroy();
        else sendJson(response, 500, { error: { message: `fake server handler failed: ${String(error)}` } });
      });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: '127.0.0.1', backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Reads a request body as text. */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Reads a request body as JSON; `null` when it is not valid JSON. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const text = await readBody(request);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}
