import { type HttpRawResponse, httpRequest } from './http-post.js';

/** What a `fetch` call may send as its body. */
type RequestBody = RequestInit['body'];

/** Statuses whose `Response` must have a null body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function requestUrl(input: string | URL | Request): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/** The body bytes to send, and the content-type a non-string body implies (FormData, URLSearchParams, Blob). */
async function requestBody(
  body: RequestBody,
): Promise<{ bytes: Uint8Array | null; contentType: string | null }> {
  if (body === null || body === undefined) return { bytes: null, contentType: null };
  if (typeof body === 'string') return { bytes: Buffer.from(body, 'utf8'), contentType: null };
  if (body instanceof Uint8Array) return { bytes: body, contentType: null };
  if (body instanceof ArrayBuffer) return { bytes: new Uint8Array(body), contentType: null };
  if (ArrayBuffer.isView(body)) {
    return { bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), contentType: null };
  }
  // Everything else (streams, Blob, FormData, URLSearchParams) is read whole through the standard body rules.
  const wrapped = new Response(body);
  return {
    bytes: new Uint8Array(await wrapped.arrayBuffer()),
    contentType: wrapped.headers.get('content-type'),
  };
}

function responseHeaders(res: HttpRawResponse): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    // The body is handed over decoded, so its encoding and length headers no longer describe it.
    if (res.decoded && (name === 'content-encoding' || name === 'content-length')) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

function networkError(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

/**
 * A `fetch`-compatible function that sends through `httpRequest` (node:http/https, one keep-alive agent per
 * protocol) instead of Node's built-in fetch, so a process never compiles or tiers up undici's WebAssembly
 * HTTP parser. Meant for provider clients that take a `fetch` option (`openai`, `@anthropic-ai/sdk`).
 * It reads the whole answer before resolving (no streaming) and follows no redirects. Like `fetch`, it
 * rejects with the signal's reason on abort and with a `TypeError('fetch failed', { cause })` when the
 * connection fails; the resolved `Response` is a standard one with a fully buffered, decoded body.
 */
export const nodeFetch: typeof fetch = async (input, init) => {
  const request = typeof input === 'object' && !(input instanceof URL) ? input : undefined;
  const signal = init?.signal ?? request?.signal ?? undefined;
  if (signal?.aborted) throw signal.reason;
  const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
  const headers = new Headers(init?.headers ?? request?.headers);
  let body: RequestBody = init?.body;
  if (body === undefined && request?.body) body = await request.arrayBuffer();
  const { bytes, contentType } = await requestBody(body);
  if (contentType && !headers.has('content-type')) headers.set('content-type', contentType);
  let res: HttpRawResponse;
  try {
    res = await httpRequest({
      method,
      url: requestUrl(input),
      headers: Object.fromEntries(headers),
      body: bytes,
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw error instanceof TypeError && error.message.startsWith('unsupported protocol')
      ? error
      : networkError(error);
  }
  const nullBody = NULL_BODY_STATUSES.has(res.status) || method === 'HEAD';
  return new Response(nullBody ? null : res.body, {
    status: res.status,
    statusText: res.statusText,
    headers: responseHeaders(res),
  });
};
