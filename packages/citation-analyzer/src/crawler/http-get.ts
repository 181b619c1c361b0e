import type { Dispatcher } from 'undici';
import { request } from 'undici';

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** The body bytes read, or null when the caller chose not to read it. */
  body: Uint8Array | null;
  truncated: boolean;
}

export interface HttpGetOptions {
  dispatcher: Dispatcher;
  userAgent: string;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  maxBodyBytes: number;
  signal: AbortSignal;
  accept: string;
  /** Decides from status and headers whether the body is worth reading. */
  wantBody: (status: number, headers: Record<string, string>) => boolean;
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** One GET without following redirects; reads at most `maxBodyBytes` of the body, then hangs up. */
export async function httpGet(url: string, options: HttpGetOptions): Promise<HttpResponse> {
  const response = await request(url, {
    method: 'GET',
    dispatcher: options.dispatcher,
    signal: options.signal,
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.bodyTimeoutMs,
    headers: {
      'user-agent': options.userAgent,
      accept: options.accept,
      'accept-language': 'en;q=1, *;q=0.5',
    },
  });
  const headers = flattenHeaders(response.headers);
  // Hanging up on a body makes undici emit an abort error on the stream: it is expected here.
  response.body.on('error', () => {});
  if (!options.wantBody(response.statusCode, headers)) {
    // Small bodies (redirects, errors) are drained so the connection can be reused.
    await response.body.dump({ limit: 32 * 1024 }).catch(() => {});
    return { status: response.statusCode, headers, body: null, truncated: false };
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  let truncated = false;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    const room = options.maxBodyBytes - total;
    if (chunk.byteLength >= room) {
      if (room > 0) chunks.push(chunk.subarray(0, room));
      total += Math.max(room, 0);
      truncated = chunk.byteLength > room || !response.body.readableEnded;
      break;
    }
    chunks.push(chunk);
    total += chunk.byteLength;
  }
  if (!response.body.destroyed) response.body.destroy();
  return { status: response.statusCode, headers, body: Buffer.concat(chunks, total), truncated };
}
