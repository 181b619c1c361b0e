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
  const keys = [...parsed.searchParams.keys()];
  if (!keys.some(isTrackingKey)) return url;
  for (const key of keys) if (isTrackingKey(key)) parsed.searchParams.delete(key);
  return parsed.toString().replace(/\?(?=#|$)/, '');
}

/**
 * A key for comparing two URLs that name the same page: tracking parameters stripped, host lower-cased
 * without `www.`, fragment and trailing slash dropped. Use it only for comparison, never for storage.
 */
export function urlCompareKey(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(stripTrackingParams(url));
  } catch {
    return url.trim();
  }
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  const path = parsed.pathname.replace(/\/+$/, '');
  return `${host}${parsed.port ? `:${parsed.port}` : ''}${path}${parsed.search}`;
}
