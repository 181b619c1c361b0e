import type { Agent, ClientRequest, IncomingHttpHeaders, IncomingMessage, RequestOptions } from 'node:http';

/** The response headers a provider mapper reads: a case-insensitive `get`, as on `Headers`. */
export interface ResponseHeaders {
  get(name: string): string | null;
}

export interface HttpPostResponse {
  status: number;
  headers: ResponseHeaders;
  text: string;
}

/** `Headers`-style read access over Node's lower-cased header record. */
export class NodeResponseHeaders implements ResponseHeaders {
  constructor(private readonly raw: IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
}

interface Transport {
  request: (url: URL, options: RequestOptions, onResponse: (res: IncomingMessage) => void) => ClientRequest;
  agent: Agent;
}

const transports = new Map<string, Promise<Transport>>();

/** node:http / node:https with one keep-alive agent each, loaded on first use (https only when needed). */
function transportFor(protocol: string): Promise<Transport> {
  let transport = transports.get(protocol);
  if (!transport) {
    transport = (protocol === 'https:' ? import('node:https') : import('node:http')).then((mod) => ({
      request: mod.request,
      agent: new mod.Agent({ keepAlive: true }),
    }));
    transports.set(protocol, transport);
  }
  return transport;
}

function abortError(signal: AbortSignal): Error {
  const reason = signal.reason as unknown;
  if (reason instanceof Error) return reason;
  return Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
}

async function decodeBody(res: IncomingMessage, body: Buffer): Promise<string> {
  const encoding = String(res.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  if (encoding === '' || encoding === 'identity') return body.toString('utf8');
  const zlib = await import('node:zlib');
  const { promisify } = await import('node:util');
  if (encoding === 'gzip' || encoding === 'x-gzip')
    return (await promisify(zlib.gunzip)(body)).toString('utf8');
  if (encoding === 'deflate') return (await promisify(zlib.inflate)(body)).toString('utf8');
  if (encoding === 'br') return (await promisify(zlib.brotliDecompress)(body)).toString('utf8');
  return body.toString('utf8');
}

/**
 * POSTs `payload` once over node:http(s) and reads the whole answer as text. Plain Node sockets rather
 * than `fetch`: no WebAssembly HTTP parser to compile and tier up, no WHATWG streams per request, which
 * keeps a worker's resident memory small. The signal aborts the request or the body read; its reason
 * (or an AbortError) is the rejection.
 */
export async function httpPost(
  url: string,
  headers: Record<string, string>,
  payload: string,
  signal?: AbortSignal,
): Promise<HttpPostResponse> {
  const target = new URL(url);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new TypeError(`unsupported protocol ${target.protocol} in ${target.origin}`);
  }
  if (signal?.aborted) throw abortError(signal);
  const { request, agent } = await transportFor(target.protocol);
  if (signal?.aborted) throw abortError(signal);
  const body = Buffer.from(payload, 'utf8');
  return new Promise<HttpPostResponse>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const fail = (error: unknown) => finish(() => reject(error));
    const req = request(
      target,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': String(body.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('aborted', () =>
          fail(Object.assign(new Error('the connection closed mid-answer'), { code: 'ECONNRESET' })),
        );
        res.on('end', () => {
          decodeBody(res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).then(
            (text) =>
              finish(() =>
                resolve({ status: res.statusCode ?? 0, headers: new NodeResponseHeaders(res.headers), text }),
              ),
            fail,
          );
        });
      },
    );
    function onAbort() {
      const error = abortError(signal!);
      req.destroy(error);
      fail(error);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', fail);
    req.end(body);
  });
}
