import { BlockList, isIP } from 'node:net';

/**
 * Which IP addresses a crawl may connect to. Untrusted URLs (they come from model output) must
 * never reach the machine itself, the private network or a cloud metadata service, so every
 * address a host name resolves to is checked here, on every redirect hop.
 */
const DENIED_V4: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // CGNAT (includes Alibaba's metadata 100.100.100.200)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (includes the 169.254.169.254 metadata service)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments (includes 192.0.0.192 metadata)
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
];

const DENIED_V6: Array<[string, number]> = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local (includes AWS metadata fd00:ec2::254)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

/**
 * IPv4-mapped (::ffff:0:0/96) and IPv4-compatible (::/96) addresses are refused whatever they
 * embed. They live in their own list, checked for IPv6 addresses only: node's BlockList matches
 * IPv4 addresses against IPv4-mapped IPv6 rules, which would refuse every IPv4 address.
 */
const DENIED_V6_EMBEDDING: Array<[string, number]> = [
  ['::ffff:0:0', 96],
  ['::', 96],
];

const denied4 = new BlockList();
for (const [net, prefix] of DENIED_V4) denied4.addSubnet(net, prefix, 'ipv4');
const denied6 = new BlockList();
for (const [net, prefix] of DENIED_V6) denied6.addSubnet(net, prefix, 'ipv6');
const embedding6 = new BlockList();
for (const [net, prefix] of DENIED_V6_EMBEDDING) embedding6.addSubnet(net, prefix, 'ipv6');

/** Host names of cloud metadata services, refused before any lookup. */
const DENIED_HOSTS = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
]);

function stripBrackets(address: string): string {
  return address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
}

/** The IPv4 address embedded in an IPv4-mapped, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
export function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1]!;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) return hexPairToV4(hex[1]!, hex[2]!);
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4})(?::|$)/.exec(lower);
  if (sixToFour) return hexPairToV4(sixToFour[1]!, sixToFour[2]!);
  return null;
}

function hexPairToV4(hi: string, lo: string): string {
  const a = Number.parseInt(hi, 16);
  const b = Number.parseInt(lo, 16);
  return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
}

/** True when the address is private, loopback, link-local, CGNAT, multicast, unspecified or reserved. */
export function isDeniedAddress(address: string): boolean {
  const ip = stripBrackets(address);
  const family = isIP(ip);
  if (family === 4) return denied4.check(ip, 'ipv4');
  if (family === 6) {
    if (denied6.check(ip, 'ipv6') || embedding6.check(ip, 'ipv6')) return true;
    const v4 = embeddedIpv4(ip);
    return v4 !== null && denied4.check(v4, 'ipv4');
  }
  return true; // not an address at all
}

/**
 * Hosts and networks the operator trusts (tests on 127.0.0.1, intranets): entries are IP
 * addresses, CIDRs (`10.0.0.0/8`, `fd00::/8`), host names (`wiki.corp`) or wildcard names
 * (`*.corp.example`).
 */
export class AddressPolicy {
  readonly #allowedNets = new BlockList();
  readonly #allowedHosts = new Set<string>();
  readonly #allowedSuffixes: string[] = [];
  readonly #hasNets: boolean;

  constructor(allow: readonly string[] = []) {
    let nets = 0;
    for (const raw of allow) {
      const entry = stripBrackets(raw.trim().toLowerCase());
      if (!entry) continue;
      const [net, prefixText] = entry.split('/');
      const family = isIP(net ?? '');
      if (family !== 0) {
        const type = family === 4 ? 'ipv4' : 'ipv6';
        const max = family === 4 ? 32 : 128;
        const prefix = prefixText === undefined ? max : Number.parseInt(prefixText, 10);
        if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) {
          throw new RangeError(`allowHosts: "${raw}" has an invalid prefix length`);
        }
        this.#allowedNets.addSubnet(net!, prefix, type);
        nets++;
      } else if (entry.startsWith('*.')) {
        this.#allowedSuffixes.push(entry.slice(1));
      } else {
        this.#allowedHosts.add(entry.replace(/\.$/, ''));
      }
    }
    this.#hasNets = nets > 0;
  }

  /** A host name the operator listed: its addresses are trusted as the operator's DNS gives them. */
  isAllowedHost(hostname: string): boolean {
    const host = stripBrackets(hostname.toLowerCase()).replace(/\.$/, '');
    if (this.#allowedHosts.has(host)) return true;
    return this.#allowedSuffixes.some((suffix) => host.endsWith(suffix));
  }

  isAllowedAddress(address: string): boolean {
    if (!this.#hasNets) return false;
    const ip = stripBrackets(address);
    const family = isIP(ip);
    if (family === 0) return false;
    return this.#allowedNets.check(ip, family === 4 ? 'ipv4' : 'ipv6');
  }

  /** Why a host name may not be crawled before resolution (metadata names), or null. */
  hostProblem(hostname: string): string | null {
    const host = stripBrackets(hostname.toLowerCase()).replace(/\.$/, '');
    if (this.isAllowedHost(host)) return null;
    if (DENIED_HOSTS.has(host)) return `host ${host} is a cloud metadata service`;
    if (isIP(host) !== 0) return this.addressProblem(host, host);
    return null;
  }

  /** Why a resolved address may not be connected to, or null. */
  addressProblem(hostname: string, address: string): string | null {
    if (this.isAllowedHost(hostname) || this.isAllowedAddress(address)) return null;
    if (isDeniedAddress(address)) return `${hostname} resolves to ${address}, a non-public address`;
    return null;
  }
}
