import { withTimeout } from '@citebots/sdk';
import type { GroundingUrlResolver } from './gemini-config.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i;

/** True when `url` is a grounding redirect link on `host` (`host` may include a port). */
export function isGroundingRedirect(url: string, host: string): boolean {
  try {
    const u = new URL(url);
    return (u.host === host || u.hostname === host) && u.pathname.includes('/grounding-api-redirect/');
  } catch {
    return false;
  }
}

/**
 * The built-in resolver: one HEAD request without following redirects, reading the 302 `Location`.
 * Any other status, a missing Location, an error or the timeout keeps the original URL.
 */
export function createHeadResolver(timeoutMs: number, fetchImpl: typeof fetch = fetch): GroundingUrlResolver {
  return async (url, signal) => {
    const timer = withTimeout(signal, timeoutMs);
    try {
      const response = await fetchImpl(url, { method: 'HEAD', redirect: 'manual', signal: timer.signal });
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return url;
      return new URL(location, url).toString();
    } catch {
      return url;
    } finally {
      timer.dispose();
    }
  };
}

/**
 * Resolves every distinct grounding redirect among `urls` in parallel. When the API base URL is local (a
 * stand-in server), only local redirect links are followed, so tests never reach the internet.
 */
export async function resolveGroundingUrls(
  urls: string[],
  options: { host: string; baseUrl: string; resolver: GroundingUrlResolver; signal: AbortSignal },
): Promise<Map<string, string>> {
  const localOnly = isLocal(options.baseUrl);
  const targets = [...new Set(urls)].filter(
    (u) => isGroundingRedirect(u, options.host) && (!localOnly || isLocal(u)),
  );
  const entries = await Promise.all(
    targets.map(async (url) => {
      try {
        const resolved = await options.resolver(url, options.signal);
        return [url, typeof resolved === 'string' && resolved ? resolved : url] as const;
      } catch {
        return [url, url] as const;
      }
    }),
  );
  return new Map(entries.filter(([from, to]) => from !== to));
}

function isLocal(url: string): boolean {
  try {
    return LOOPBACK.test(new URL(url).hostname);
  } catch {
    return false;
  }
}
