import { boundedMemo } from '../common/bounded-memo.js';

const TRACKING_KEYS = new Set([
  'gclid',
  'fbclid',
  'msclkid',
  'dclid',
  'yclid',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  'igshid',
  'ref_src',
  'srsltid',
]);

function isTrackingKey(key: string): boolean {
  const lower = key.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_KEYS.has(lower);
}

/**
 * Removes tracking parameters (`utm_*` such as `utm_source=openai` / `chatgpt.com`, `gclid`, `fbclid`...)
 * from a URL, keeping everything else as it was. Text that is not a URL is returned unchanged.
 */
export function stripTrackingParams(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  return stripParsed(parsed) ?? url;
}

/**
 * The URL `parsed` came from without its tracking parameters (`parsed` is changed), or null when
 * it has none (`parsed` is left as it was).
 */
function stripParsed(parsed: URL): string | null {
  // Without a query there is no parameter (and no searchParams object to build).
  if (!parsed.search) return null;
  const keys = [...parsed.searchParams.keys()];
  if (!keys.some(isTrackingKey)) return null;
  for (const key of keys) if (isTrackingKey(key)) parsed.searchParams.delete(key);
  return parsed.toString().replace(/\?(?=#|$)/, '');
}

/** Keys by URL: a plugin compares each URL several times (its citations, then its sources). */

/**
 * A key for comparing two URLs that name the same page: tracking parameters stripped, host lower-cased
 * without `www.`, fragment and trailing slash dropped. Use it only for comparison, never for storage.
 */
export const urlCompareKey: (url: string) => string = boundedMemo(512, (url) => computeCompareKey(url));

function computeCompareKey(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // stripTrackingParams returns text that is not a URL unchanged: it stays unparseable.
    return url.trim();
  }
  const stripped = stripParsed(parsed);
  if (stripped !== null) {
    // Parameters were dropped: read the key from the stripped URL, as written.
    try {
      parsed = new URL(stripped);
    } catch {
      return url.trim();
    }
  }
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  const path = parsed.pathname.replace(/\/+$/, '');
  return `${host}${parsed.port ? `:${parsed.port}` : ''}${path}${parsed.search}`;
}
