import { Agent } from 'undici';
import { AddressPolicy } from '../net/address-policy.js';
import { createSafeLookup } from '../net/safe-lookup.js';
import { classifyError, parseRetryAfter } from './classify-error.js';
import { isHtmlType, looksLikeHtml, mediaType } from './content-type.js';
import type { CrawlErrorCode, CrawlFailure, CrawlResult, RedirectHop } from './crawl-result.js';
import { type CrawlerOptions, type CrawlerOptionsInput, crawlerOptionsSchema } from './crawler-options.js';
import { decodeBody } from './decode.js';
import { type HttpResponse, httpGet } from './http-get.js';
import { HostScheduler, sleep } from './limiter.js';
import { normalizeUrl } from './normalize-url.js';
import { RobotsCache } from './robots-cache.js';

export interface Crawler {
  readonly options: CrawlerOptions;
  /** Fetches one page safely. Never throws: failures come back as `{ ok: false, error }`. */
  fetch(url: string, options?: { signal?: AbortSignal }): Promise<CrawlResult>;
  /** Closes the connection pool. */
  close(): Promise<void>;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const ROBOTS_MAX_BYTES = 512 * 1024;

class CrawlStop extends Error {
  constructor(
    readonly code: CrawlErrorCode,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/**
 * A crawler for untrusted URLs: non-public addresses are refused after DNS resolution and on
 * every redirect hop, robots.txt is honoured, bodies are capped, hosts are treated politely,
 * and each normalised URL is fetched once per crawler (create one per run).
 *
 * Retries: this crawler is not the runner, so it makes its own small, bounded retry of one hop
 * on transient failures only (connection reset, timeouts, 5xx, 429 with a Retry-After within
 * `maxRetryAfterMs`), at most `retries` extra attempts with exponential backoff.
 */
export function createCrawler(input: CrawlerOptionsInput = {}): Crawler {
  const options = crawlerOptionsSchema.parse(input);
  const policy = new AddressPolicy(options.allowHosts);
  const agent = new Agent({
    connect: { lookup: createSafeLookup(policy), timeout: options.connectTimeoutMs },
    connectTimeout: options.connectTimeoutMs,
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.bodyTimeoutMs,
  });
  const scheduler = new HostScheduler(
    options.globalConcurrency,
    options.perHostConcurrency,
    options.politenessDelayMs,
  );
  const cache = new Map<string, Promise<CrawlResult>>();

  function checkUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new CrawlStop('invalid_url', `not a valid URL: ${raw.slice(0, 200)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new CrawlStop('unsupported_scheme', `only http and https are crawled, not ${url.protocol}`);
    }
    const problem = policy.hostProblem(url.hostname);
    if (problem) throw new CrawlStop('blocked_address', problem);
    return url;
  }

  /** One hop with bounded retries on transient failures. */
  async function getWithRetry(
    url: URL,
    signal: AbortSignal,
    accept: string,
    maxBytes: number,
    wantBody: (status: number, headers: Record<string, string>) => boolean,
  ): Promise<{ response: HttpResponse; attempts: number }> {
    for (let attempt = 1; ; attempt++) {
      const last = attempt > options.retries;
      try {
        const response = await scheduler.run(
          url.host,
          () =>
            httpGet(url.toString(), {
              dispatcher: agent,
              userAgent: options.userAgent,
              headersTimeoutMs: options.headersTimeoutMs,
              bodyTimeoutMs: options.bodyTimeoutMs,
              maxBodyBytes: maxBytes,
              signal,
              accept,
              wantBody: (status, headers) => !RETRY_STATUSES.has(status) && wantBody(status, headers),
            }),
          signal,
        );
        if (!RETRY_STATUSES.has(response.status) || last) return { response, attempts: attempt };
        const asked = parseRetryAfter(response.headers['retry-after']);
        if (asked !== null && asked > options.maxRetryAfterMs) return { response, attempts: attempt };
        await sleep(asked ?? backoff(attempt), signal);
      } catch (error) {
        const classified = classifyError(error);
        if (signal.aborted || !classified.transient || last) throw error;
        await sleep(backoff(attempt), signal);
      }
      if (signal.aborted) throw signal.reason;
    }
  }

  function backoff(attempt: number): number {
    return options.retryBaseDelayMs * 2 ** (attempt - 1);
  }

  const robots = new RobotsCache(async (robotsUrl) => {
    const signal = AbortSignal.timeout(options.totalTimeoutMs);
    let url = checkUrl(robotsUrl);
    for (let hop = 0; hop <= 5; hop++) {
      const { response } = await getWithRetry(
        url,
        signal,
        'text/plain, */*;q=0.5',
        ROBOTS_MAX_BYTES,
        () => true,
      );
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(response.status) && location) {
        url = checkUrl(new URL(location, url).toString());
        continue;
      }
      const text = response.body ? new TextDecoder('utf-8').decode(response.body) : '';
      return { status: response.status, text };
    }
    return { status: 404, text: '' }; // too many redirects: treated as no robots.txt (RFC 9309)
  });

  async function crawl(requestedUrl: string, normalized: string, outer?: AbortSignal): Promise<CrawlResult> {
    const started = performance.now();
    const fetchedAt = new Date().toISOString();
    const timeout = AbortSignal.timeout(options.totalTimeoutMs);
    const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
    const redirects: RedirectHop[] = [];
    const seen = new Set<string>();
    let current = normalized;
    let status: number | null = null;
    let headers: Record<string, string> = {};
    let attempts = 0;
    const base = () => ({
      requestedUrl,
      url: normalized,
      finalUrl: current,
      status,
      redirects,
      headers,
      responseTimeMs: Math.round(performance.now() - started),
      attempts,
      fetchedAt,
    });
    try {
      for (;;) {
        const url = checkUrl(current);
        if (options.respectRobots && !(await robots.isAllowed(url))) {
          throw new CrawlStop('robots_disallowed', `robots.txt of ${url.host} disallows ${url.pathname}`);
        }
        seen.add(url.toString());
        const got = await getWithRetry(
          url,
          signal,
          'text/html, application/xhtml+xml;q=0.9, */*;q=0.1',
          options.maxBodyBytes,
          (s, h) => s >= 200 && s < 300 && isHtmlType(mediaType(h['content-type'])),
        );
        attempts = got.attempts;
        status = got.response.status;
        headers = got.response.headers;
        const location = headers.location;
        if (REDIRECT_STATUSES.has(status) && location) {
          redirects.push({ url: current, status });
          let next: string;
          try {
            next = new URL(location, url).toString();
          } catch {
            throw new CrawlStop('invalid_url', `redirect to an invalid location: ${location.slice(0, 200)}`);
          }
          if (redirects.length > options.maxRedirects || seen.has(next)) {
            throw new CrawlStop(
              'too_many_redirects',
              seen.has(next) ? `redirect loop at ${next}` : `more than ${options.maxRedirects} redirects`,
            );
          }
          current = next;
          continue;
        }
        if (status < 200 || status >= 300) throw new CrawlStop('http_status', `HTTP ${status}`, status);
        const type = mediaType(headers['content-type']);
        if (!isHtmlType(type)) {
          throw new CrawlStop('unsupported_content_type', `${type} is not HTML; the page was not read`);
        }
        const body = got.response.body ?? new Uint8Array(0);
        const decoded = decodeBody(body, headers['content-type'] ?? null);
        if (type === null && !looksLikeHtml(decoded.text)) {
          throw new CrawlStop(
            'unsupported_content_type',
            'no Content-Type and the body does not look like HTML',
          );
        }
        return {
          ...base(),
          ok: true,
          html: decoded.text,
          contentType: headers['content-type'] ?? null,
          charset: decoded.charset,
          charsetSource: decoded.charsetSource,
          bytes: body.byteLength,
          truncated: got.response.truncated,
        };
      }
    } catch (error) {
      const failure: CrawlFailure = { ...base(), ok: false, error: toCrawlError(error, outer) };
      return failure;
    }
  }

  function toCrawlError(error: unknown, outer?: AbortSignal): CrawlFailure['error'] {
    if (error instanceof CrawlStop) return { code: error.code, message: error.message };
    if (outer?.aborted) return { code: 'aborted', message: 'the crawl was cancelled' };
    const classified = classifyError(error);
    if (classified.code === 'aborted' || classified.code === 'timeout') {
      return { code: 'timeout', message: `no complete answer within the time limit (${classified.message})` };
    }
    return { code: classified.code, message: classified.message };
  }

  return {
    options,
    fetch(url, fetchOptions = {}) {
      const normalized = normalizeUrl(url);
      if (!normalized) {
        const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1]?.toLowerCase();
        const isOtherScheme =
          scheme !== undefined && scheme !== 'http' && scheme !== 'https' && URL.canParse(url);
        return Promise.resolve({
          ok: false,
          requestedUrl: url,
          url: null,
          finalUrl: null,
          status: null,
          redirects: [],
          headers: {},
          responseTimeMs: 0,
          attempts: 0,
          fetchedAt: new Date().toISOString(),
          error: isOtherScheme
            ? { code: 'unsupported_scheme', message: `only http and https are crawled, not ${scheme}:` }
            : { code: 'invalid_url', message: `not an absolute http(s) URL: ${url.slice(0, 200)}` },
        });
      }
      if (!options.cache) return crawl(url, normalized.url, fetchOptions.signal);
      let pending = cache.get(normalized.key);
      if (!pending) {
        pending = crawl(url, normalized.url, fetchOptions.signal);
        cache.set(normalized.key, pending);
        const key = normalized.key;
        // A cancelled fetch is not the page's answer: the next caller tries again.
        pending.then((result) => {
          if (!result.ok && result.error.code === 'aborted') cache.delete(key);
        });
      }
      return pending;
    },
    close: () => agent.close(),
  };
}
