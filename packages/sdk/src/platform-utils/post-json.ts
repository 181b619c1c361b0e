import type { RateLimitSnapshot } from '../contract/rate-limit.js';
import type { PlatformError } from '../errors/platform-error.js';
import { withTimeout } from './abort-timeout.js';
import { type HttpPostResponse, httpPost, type ResponseHeaders } from './http-post.js';
import { type HttpErrorInfo, httpError, malformedResponse, transportError } from './provider-errors.js';
import { parseRateLimitHeaders } from './rate-limit-headers.js';

export interface PostJsonOptions {
  platform: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  signal?: AbortSignal | undefined;
  timeoutMs: number;
  /** Maps a non-2xx answer to a PlatformError; the default uses the status alone. */
  mapError?: (info: HttpErrorInfo) => PlatformError;
  /** Response headers that carry the provider's request id, first found wins. */
  requestIdHeaders?: string[];
  /** Sends through this `fetch` instead of the built-in node:http(s) transport. */
  fetch?: typeof fetch;
}

export interface JsonResponse {
  status: number;
  headers: ResponseHeaders;
  body: unknown;
  requestId: string | null;
  rateLimit: RateLimitSnapshot | null;
}

const DEFAULT_REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-goog-request-id', 'cf-ray'];

/**
 * POSTs a JSON body once (no retries) and returns the parsed JSON answer. Transport failures, non-2xx answers
 * and unparseable 2xx bodies all become PlatformErrors; the caller's signal cancels the request.
 */
export async function postJson(options: PostJsonOptions): Promise<JsonResponse> {
  const { platform } = options;
  const timer = withTimeout(options.signal, options.timeoutMs);
  const state = { callerSignal: options.signal, timeoutMs: options.timeoutMs };
  try {
    const headers = {
      'content-type': 'application/json',
      accept: 'application/json',
      ...options.headers,
    };
    const payload = JSON.stringify(options.body);
    let response: HttpPostResponse;
    try {
      response = options.fetch
        ? await viaFetch(options.fetch, options.url, headers, payload, timer.signal)
        : await httpPost(options.url, headers, payload, timer.signal);
    } catch (error) {
      throw transportError(platform, error, { ...state, timedOut: timer.timedOut() });
    }
    const { text } = response;
    const requestId =
      (options.requestIdHeaders ?? DEFAULT_REQUEST_ID_HEADERS)
        .map((name) => response.headers.get(name))
        .find((v) => v !== null && v !== '') ?? null;
    const rateLimit = parseRateLimitHeaders(response.headers);
    let body: unknown = null;
    let parsed = false;
    try {
      body = text === '' ? null : JSON.parse(text);
      parsed = text !== '';
    } catch {
      body = null;
    }
    if (response.status < 200 || response.status > 299) {
      const info: HttpErrorInfo = {
        platform,
        status: response.status,
        headers: response.headers,
        body,
        text,
        requestId,
        rateLimit,
      };
      throw (options.mapError ?? ((i: HttpErrorInfo) => httpError(i)))(info);
    }
    if (!parsed) {
      throw malformedResponse(platform, text === '' ? 'empty body' : 'the body is not JSON', {
        status: response.status,
        requestId,
      });
    }
    return { status: response.status, headers: response.headers, body, requestId, rateLimit };
  } finally {
    timer.dispose();
  }
}

async function viaFetch(
  send: typeof fetch,
  url: string,
  headers: Record<string, string>,
  payload: string,
  signal: AbortSignal,
): Promise<HttpPostResponse> {
  const response = await send(url, { method: 'POST', headers, body: payload, signal });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
