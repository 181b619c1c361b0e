import { z } from 'zod';
import { USER_AGENT } from '../version.js';

const ms = (fallback: number) => z.number().int().min(0).max(600_000).default(fallback);

/** Crawler settings; every field has a safe default. */
export const crawlerOptionsSchema = z
  .object({
    /** Sent on every request; keep it honest so site owners can tell who fetched their page. */
    userAgent: z.string().min(1).default(USER_AGENT),
    /**
     * Hosts and networks trusted despite the non-public-address block: IPs, CIDRs
     * (`127.0.0.0/8`), host names or `*.suffix`. For tests and intranets only.
     */
    allowHosts: z.array(z.string().min(1)).default([]),
    /** Honour robots.txt (fetched once per origin and cached). */
    respectRobots: z.boolean().default(true),
    maxRedirects: z.number().int().min(0).max(20).default(5),
    connectTimeoutMs: ms(10_000),
    /** Time to wait for the response headers of one request. */
    headersTimeoutMs: ms(15_000),
    /** Longest silence while reading the body. */
    bodyTimeoutMs: ms(15_000),
    /** Ceiling for one page, redirects and retries included. */
    totalTimeoutMs: ms(60_000),
    /** Bytes read from a page body; reading stops there and the page is analysed as truncated. */
    maxBodyBytes: z
      .number()
      .int()
      .min(1024)
      .default(5 * 1024 * 1024),
    globalConcurrency: z.number().int().min(1).max(256).default(8),
    perHostConcurrency: z.number().int().min(1).max(32).default(2),
    /** Minimum gap between two request starts to the same host. */
    politenessDelayMs: ms(500),
    /** Extra attempts after a transient failure (connection reset, 5xx, 429). */
    retries: z.number().int().min(0).max(5).default(2),
    retryBaseDelayMs: ms(500),
    /** A 429/503 asking to wait longer than this is not retried. */
    maxRetryAfterMs: ms(10_000),
    /** Keep one result per normalised URL for the crawler's lifetime (one run). */
    cache: z.boolean().default(true),
  })
  .strict();

export type CrawlerOptionsInput = z.input<typeof crawlerOptionsSchema>;
export type CrawlerOptions = z.output<typeof crawlerOptionsSchema>;
