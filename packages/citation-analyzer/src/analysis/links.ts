import type { RawPage } from './collect-page.js';
import { siteOfHost } from './domain-match.js';

export interface LinkCounts {
  internal: number;
  external: number;
  nofollow: number;
  /** Distinct registrable domains linked to. */
  externalDomains: number;
  /** Distinct external registrable domains linked from the content (not navigation): sources cited. */
  citedDomains: number;
}

const SKIPPED = /^(?:#|javascript:|mailto:|tel:|data:|sms:|about:)/i;
const ABSOLUTE = /^(?:https?:)?\/\/([^/?#\s]+)/i;
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Internal vs external links by registrable domain. Relative links are internal without any
 * URL parsing; absolute ones are looked up once per host (pages have thousands of links), and
 * the lookups are remembered across pages.
 */
export function classifyLinks(raw: RawPage, pageSite: string | null): LinkCounts {
  const externalDomains = new Set<string>();
  const cited = new Set<string>();
  let internal = 0;
  let external = 0;
  let nofollow = 0;
  /** Raw host of an absolute link → lower-cased host without credentials and port. */
  const hosts = new Map<string, string>();
  for (const link of raw.links) {
    const href = link.href;
    if (SKIPPED.test(href)) continue;
    const absolute = ABSOLUTE.exec(href);
    if (!absolute && OTHER_SCHEME.test(href)) continue;
    if (link.rel && /\b(nofollow|sponsored|ugc)\b/.test(link.rel)) nofollow++;
    if (!absolute) {
      // Relative: on the page's own host.
      internal++;
      continue;
    }
    const rawHost = absolute[1]!;
    let host = hosts.get(rawHost);
    if (host === undefined) {
      host = rawHost
        .toLowerCase()
        .replace(/^[^@]*@/, '')
        .replace(/:\d+$/, '');
      hosts.set(rawHost, host);
    }
    if (!host) {
      internal++;
      continue;
    }
    const site = siteOfHost(host);
    if (pageSite !== null && site === pageSite) {
      internal++;
      continue;
    }
    external++;
    if (site) {
      externalDomains.add(site);
      if (link.inContent) cited.add(site);
    }
  }
  return { internal, external, nofollow, externalDomains: externalDomains.size, citedDomains: cited.size };
}
