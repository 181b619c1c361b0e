import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { readBody, startFakeHttpServer } from './fake-http-server.js';

/** A request the recording server received, with its body as text and as JSON (`null` when not JSON). */
export interface RecordedHttpRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
}

/**
 * How the recording server answers: a status, headers and a JSON or text body (text goes out as
 * `text/html`), or `'hang'` to hold the request open until the client gives up or the server closes.
 */
export type RecordingReply =
  | { status?: number; headers?: Record<string, string>; json?: unknown; text?: string }
  | 'hang';

export type RecordingHandler = (request: RecordedHttpRequest) => RecordingReply | Promise<RecordingReply>;

/** A local HTTP server on 127.0.0.1 that records every request and answers from `handler`. */
export interface RecordingHttpServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly url: string;
  /** Every request so far, oldest first; empty it with `requests.length = 0`. */
  readonly requests: RecordedHttpRequest[];
  /** Answers each request; replace it at any time. */
  handler: RecordingHandler;
  /** Resolves when the next request has arrived (before it is answered). */
  nextRequest(): Promise<RecordedHttpRequest>;
  /**
   * Calls `run` with a fresh signal and aborts it once the next request has arrived (have the handler
   * answer `'hang'` to hold it); returns what `run` returns, for a test of cancellation mid-request.
   */
  abortWhenReceived<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Stops listening and drops every open connection, including held requests. */
  close(): Promise<void>;
}

function parseJson(body: string): unknown {
  try {
    return body ? (JSON.parse(body) as unknown) : null;
  } catch {
    return null;
  }
}

function send(response: ServerResponse, reply: Exclude<RecordingReply, 'hang'>): void {
  const text = reply.text ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
  response.writeHead(reply.status ?? 200, {
    'content-type': reply.text === undefined ? 'application/json' : 'text/html',
    ...reply.headers,
  });
  response.end(text);
}

/**
 * Starts a recording server on a free port of 127.0.0.1, built on `startFakeHttpServer`: for plugin tests
 * that check what was sent (`requests`) and how a reply, an error status or a held request is handled.
 * The default handler answers 500.
 */
export async function startRecordingHttpServer(
  handler: RecordingHandler = () => ({ status: 500 }),
): Promise<RecordingHttpServer> {
  const requests: RecordedHttpRequest[] = [];
  const waiting: ((request: RecordedHttpRequest) => void)[] = [];
  const nextRequest = () => new Promise<RecordedHttpRequest>((resolve) => waiting.push(resolve));
  const state = {
    handler,
    nextRequest,
    abortWhenReceived: <T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> => {
      const controller = new AbortController();
      const arrived = nextRequest();
      const pending = run(controller.signal);
      void arrived.then(() => controller.abort());
      return pending;
    },
  };
  const fake = await startFakeHttpServer(async (request, response) => {
    const body = await readBody(request);
    const recorded: RecordedHttpRequest = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body,
      json: parseJson(body),
    };
    requests.push(recorded);
    for (const resolve of waiting.splice(0)) resolve(recorded);
    const reply = await state.handler(recorded);
    if (reply !== 'hang') send(response, reply);
  });
  return Object.assign(state, { url: fake.url, requests, close: fake.close });
}

/** A `http://127.0.0.1:<port>` URL nothing listens on, for tests of a refused connection. */
export async function refusedUrl(): Promise<string> {
  const server = await startFakeHttpServer(() => {});
  await server.close();
  return server.url;
}
