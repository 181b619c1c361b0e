import { parse } from 'tldts';
import { boundedMemo } from '../common/bounded-memo.js';

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
  return registrableDomainOfHost(hostOf(urlOrDomain));
}

/** `registrableDomain` of a host `hostOf` returned (null: null). */
export function registrableDomainOfHost(host: string | null): string | null {
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

/**
 * `isDomainLike(token) ? hostOf(token) : null` from one parse, for a token written without a
 * scheme or white space (a host found in the text).
 */
export const hostOfDomainLike: (token: string) => string | null = boundedMemo(1_024, (token) =>
  parseDomainLike(token),
);

/** Hosts by token: an answer writes the same few domains many times (link labels, URLs, prose). */

function parseDomainLike(token: string): string | null {
  const parsed = parse(`https://${token}`);
  if (!(parsed.domain && (parsed.isIcann || parsed.isPrivate) && !parsed.isIp)) return null;
  if (!parsed.hostname) return null;
  return parsed.hostname.toLowerCase().replace(/\.$/, '');
}

/** True when the token is a host with a known public suffix (ICANN or private), e.g. `brevo.com`. */
export function isDomainLike(token: string): boolean {
  // Without a scheme: the (cached) parse of hostOfDomainLike; tldts sets a domain only with a host name.
  if (!token.includes('://')) return hostOfDomainLike(token) !== null;
  const parsed = parse(token);
  return Boolean(parsed.domain && (parsed.isIcann || parsed.isPrivate) && !parsed.isIp);
}
