/** Query parameters that only track a click; they never change the page. */
const TRACKING_PARAMS = new Set([
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'fbclid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  '_ga',
  '_gl',
  'ref_src',
  'srsltid',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'mkt_tok',
]);

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMS.has(lower);
}

export interface NormalizedUrl {
  /** The URL to fetch: tracking parameters and fragment removed, host lower-cased, default port dropped. */
  url: string;
  /** The de-duplication key: `url` with sorted parameters and no trailing slash on non-root paths. */
  key: string;
}

/**
 * Normalises a cited URL. Returns null for anything that is not an absolute http(s) URL.
 * The WHATWG URL parser already lower-cases the scheme and host, drops default ports and
 * resolves dot segments; this adds the rules that make two citations of one page one fetch.
 */
export function normalizeUrl(input: string): NormalizedUrl | null {
  let parsed: URL;
  try {
    parsed = new URL(input.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (!parsed.hostname) return null;
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  parsed.hostname = parsed.hostname.replace(/\.$/, '');
  const kept = [...parsed.searchParams].filter(([name]) => !isTrackingParam(name));
  parsed.search = kept.length ? new URLSearchParams(kept).toString() : '';
  const url = parsed.toString();

  const sorted = [...kept].sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1));
  const keyUrl = new URL(url);
  keyUrl.search = sorted.length ? new URLSearchParams(sorted).toString() : '';
  if (keyUrl.pathname.length > 1 && keyUrl.pathname.endsWith('/')) {
    keyUrl.pathname = keyUrl.pathname.replace(/\/+$/, '') || '/';
  }
  return { url, key: keyUrl.toString() };
}
