import { parse } from 'tldts';

/** The host name of a URL or a bare domain (`https://www.Brevo.com/x` → `www.brevo.com`), or null. */
export function hostOf(urlOrDomain: string): string | null {
  const text = urlOrDomain.trim();
  if (!text) return null;
  const parsed = parse(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  if (!parsed.hostname || !parsed.domain) return null;
  return parsed.hostname.toLowerCase().replace(/\.$/, '');
}

/** The registrable domain (eTLD+1) of a host or URL: `blog.knak.co.uk` → `knak.co.uk`. */
export function registrableDomain(urlOrDomain: string): string | null {
  const host = hostOf(urlOrDomain);
  if (!host) return null;
  return parse(host).domain ?? null;
}

/**
 * A host belongs to a brand's domain by equality or by suffix on a label boundary:
 * `blog.knak.com` belongs to `knak.com`; `knak.com.evil.net` and `notknak.com` do not.
 */
export function hostMatchesDomain(host: string | null, domain: string | null | undefined): boolean {
  if (!host || !domain) return false;
  const h = host.toLowerCase().replace(/^www\./, '');
  const d = domain.toLowerCase().replace(/^www\./, '');
  return h === d || h.endsWith(`.${d}`);
}

/** True when `url` (a URL or bare domain) is on `domain`. */
export function urlMatchesDomain(url: string, domain: string | null | undefined): boolean {
  return hostMatchesDomain(hostOf(url), domain);
}

/** True when the token is a host with a known public suffix (ICANN or private), e.g. `brevo.com`. */
export function isDomainLike(token: string): boolean {
  const parsed = parse(token.includes('://') ? token : `https://${token}`);
  return Boolean(parsed.domain && (parsed.isIcann || parsed.isPrivate) && !parsed.isIp);
}
