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

/** The decoded body and whether a content-encoding was undone. */
async function decodeBody(res: IncomingMessage, body: Buffer): Promise<{ bytes: Buffer; decoded: boolean }> {
  const encoding = String(res.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  if (encoding === '' || encoding === 'identity') return { bytes: body, decoded: false };
  const zlib = await import('node:zlib');
  const { promisify } = await import('node:util');
  if (encoding === 'gzip' || encoding === 'x-gzip')
    return { bytes: await promisify(zlib.gunzip)(body), decoded: true };
  if (encoding === 'deflate') return { bytes: await promisify(zlib.inflate)(body), decoded: true };
  if (encoding === 'br') return { bytes: await promisify(zlib.brotliDecompress)(body), decoded: true };
  return { bytes: body, decoded: false };
}

export interface HttpRequestOptions {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The request body; null sends none. */
  body: Uint8Array | null;
  signal?: AbortSignal | undefined;
}

export interface HttpRawResponse {
  status: number;
  statusText: string;
  /** Node's lower-cased header record, as received. */
  headers: IncomingHttpHeaders;
  /** The whole body, with a gzip, deflate or br content-encoding already undone (then `decoded` is true). */
  body: Buffer;
  decoded: boolean;
}

/**
 * Sends one request over node:http(s) and reads the whole answer. Plain Node sockets rather than `fetch`:
 * no WebAssembly HTTP parser to compile and tier up, no WHATWG streams per request, which keeps a worker's
 * resident memory small. The signal aborts the request or the body read; its reason (or an AbortError) is
 * the rejection.
 */
export async function httpRequest(options: HttpRequestOptions): Promise<HttpRawResponse> {
  const { signal } = options;
  const target = new URL(options.url);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new TypeError(`unsupported protocol ${target.protocol} in ${target.origin}`);
  }
  if (signal?.aborted) throw abortError(signal);
  const { request, agent } = await transportFor(target.protocol);
  if (signal?.aborted) throw abortError(signal);
  const body = options.body;
  return new Promise<HttpRawResponse>((resolve, reject) => {
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
        method: options.method,
        agent,
        headers: body ? { ...options.headers, 'content-length': String(body.byteLength) } : options.headers,
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
            ({ bytes, decoded }) =>
              finish(() =>
                resolve({
                  status: res.statusCode ?? 0,
                  statusText: res.statusMessage ?? '',
                  headers: res.headers,
                  body: bytes,
                  decoded,
                }),
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
    req.end(body ?? undefined);
  });
}

/** POSTs `payload` once over node:http(s) (see `httpRequest`) and reads the whole answer as text. */
export async function httpPost(
  url: string,
  headers: Record<string, string>,
  payload: string,
  signal?: AbortSignal,
): Promise<HttpPostResponse> {
  const res = await httpRequest({ method: 'POST', url, headers, body: Buffer.from(payload, 'utf8'), signal });
  return {
    status: res.status,
    headers: new NodeResponseHeaders(res.headers),
    text: res.body.toString('utf8'),
  };
}
