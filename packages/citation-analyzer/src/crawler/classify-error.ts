import { findBlockedAddressError } from '../net/blocked-address-error.js';
import type { CrawlErrorCode } from './crawl-result.js';

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    const name = (current as { name?: unknown }).name;
    if (typeof name === 'string') codes.push(name);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

export interface ClassifiedError {
  code: CrawlErrorCode;
  message: string;
  transient: boolean;
}

/** Maps a thrown network error to a crawl error code, and says whether another attempt may help. */
export function classifyError(error: unknown): ClassifiedError {
  const blocked = findBlockedAddressError(error);
  if (blocked) return { code: 'blocked_address', message: blocked.message, transient: false };
  const codes = errorCodes(error);
  const message = error instanceof Error ? error.message : String(error);
  if (codes.includes('TimeoutError') || codes.some((c) => c.endsWith('_TIMEOUT') || c === 'ETIMEDOUT')) {
    return { code: 'timeout', message, transient: codes.some((c) => TRANSIENT_CODES.has(c)) };
  }
  if (codes.includes('AbortError')) return { code: 'aborted', message, transient: false };
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) {
    return { code: 'dns', message, transient: codes.includes('EAI_AGAIN') };
  }
  return { code: 'network', message, transient: codes.some((c) => TRANSIENT_CODES.has(c)) };
}

/** `Retry-After` in milliseconds (seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
