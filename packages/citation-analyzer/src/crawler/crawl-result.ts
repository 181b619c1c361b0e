/** Why a crawl produced no analysable page. */
export type CrawlErrorCode =
  | 'invalid_url'
  | 'unsupported_scheme'
  | 'blocked_address'
  | 'robots_disallowed'
  | 'too_many_redirects'
  | 'http_status'
  | 'unsupported_content_type'
  | 'timeout'
  | 'dns'
  | 'network'
  | 'aborted';

export interface RedirectHop {
  url: string;
  status: number;
}

interface CrawlBase {
  /** The URL as cited. */
  requestedUrl: string;
  /** The URL fetched after normalisation (null when it was not a valid http(s) URL). */
  url: string | null;
  /** Where the last hop landed. */
  finalUrl: string | null;
  status: number | null;
  /** Every hop that answered with a redirect, in order. */
  redirects: RedirectHop[];
  /** Lower-cased response headers of the last hop. */
  headers: Record<string, string>;
  /** From the first request to the end of the body, retries and redirects included. */
  responseTimeMs: number;
  /** Attempts made for the last hop (1 without retries). */
  attempts: number;
  fetchedAt: string;
}

export interface CrawlSuccess extends CrawlBase {
  ok: true;
  html: string;
  contentType: string | null;
  charset: string;
  charsetSource: 'bom' | 'header' | 'meta' | 'default';
  /** Bytes of body read (at most maxBodyBytes). */
  bytes: number;
  /** The body was longer than maxBodyBytes and only its start was read. */
  truncated: boolean;
}

export interface CrawlFailure extends CrawlBase {
  ok: false;
  error: { code: CrawlErrorCode; message: string };
}

export type CrawlResult = CrawlSuccess | CrawlFailure;

/** The text stored in `page_analyses.crawl_error`. */
export function crawlErrorText(result: CrawlFailure): string {
  return `${result.error.code}: ${result.error.message}`;
}
