import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
}

export type Reply =
  | { status?: number; headers?: Record<string, string>; json?: unknown; text?: string }
  /** Hold the request open until the client gives up or the server closes. */
  | 'hang';

export type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

/** A node:http server on 127.0.0.1 standing in for a provider API. Replies come from `handler`. */
export interface LocalServer {
  url: string;
  requests: RecordedRequest[];
  handler: Handler;
  /** Resolves when the next request has arrived. */
  nextRequest(): Promise<RecordedRequest>;
  close(): Promise<void>;
}

export async function startLocalServer(handler: Handler = () => ({ status: 500 })): Promise<LocalServer> {
  const requests: RecordedRequest[] = [];
  const waiting: ((r: RecordedRequest) => void)[] = [];
  const open = new Set<ServerResponse>();
  const state: LocalServer = {
    url: '',
    requests,
    handler,
    nextRequest: () => new Promise((resolve) => waiting.push(resolve)),
    close: async () => {
      for (const res of open) res.destroy();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    let json: unknown = null;
    try {
      json = body ? JSON.parse(body) : null;
    } catch {
      json = null;
    }
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body,
      json,
    };
    requests.push(recorded);
    for (const resolve of waiting.splice(0)) resolve(recorded);
    const reply = await state.handler(recorded);
    if (reply === 'hang') {
      open.add(res);
      res.on('close', () => open.delete(res));
      return;
    }
    const text = reply.text ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
    res.writeHead(reply.status ?? 200, {
      'content-type': reply.text === undefined ? 'application/json' : 'text/html',
      ...reply.headers,
    });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
