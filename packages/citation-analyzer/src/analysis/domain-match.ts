import { getDomain, getHostname } from 'tldts';

const TLDTS_OPTIONS = { allowPrivateDomains: true } as const;

/** The registrable domain (eTLD+1) of a URL or host, public-suffix aware: `blog.knak.co.uk` → `knak.co.uk`. */
export function registrableDomain(urlOrHost: string): string | null {
  return getDomain(urlOrHost, TLDTS_OPTIONS);
}

const MAX_CACHED_HOSTS = 10_000;
const siteByHost = new Map<string, string | null>();

/** `registrableDomain` of a bare host, remembered across pages (link-heavy pages repeat hosts). */
export function siteOfHost(host: string): string | null {
  let site = siteByHost.get(host);
  if (site === undefined) {
    site = registrableDomain(host);
    if (siteByHost.size >= MAX_CACHED_HOSTS) siteByHost.clear();
    siteByHost.set(host, site);
  }
  return site;
}

/** The host of a URL without a leading `www.`, lower-cased. */
export function displayHost(url: string): string | null {
  const host = getHostname(url, TLDTS_OPTIONS);
  return host ? host.toLowerCase().replace(/^www\./, '') : null;
}

/**
 * True when the page's host belongs to the domain: same registrable domain, never a substring
 * test (`knak.com.evil.net` is not `knak.com`; `blog.knak.com` is). When the configured domain
 * is itself a subdomain (`shop.example.com`), the page must be on it or below it.
 */
export function isSameSite(pageUrl: string, domain: string | null | undefined): boolean {
  if (!domain) return false;
  const pageHost = getHostname(pageUrl, TLDTS_OPTIONS)?.toLowerCase().replace(/\.$/, '');
  const target = (getHostname(domain, TLDTS_OPTIONS) ?? domain).toLowerCase().replace(/^www\./, '');
  if (!pageHost || !target) return false;
  const pageSite = registrableDomain(pageHost);
  const targetSite = registrableDomain(target);
  if (!pageSite || !targetSite || pageSite !== targetSite) return false;
  if (target === targetSite) return true;
  const bare = pageHost.replace(/^www\./, '');
  return bare === target || bare.endsWith(`.${target}`);
}
