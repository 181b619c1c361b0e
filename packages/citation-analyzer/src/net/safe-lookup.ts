import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { AddressPolicy } from './address-policy.js';
import { BlockedAddressError } from './blocked-address-error.js';

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

export type LookupFunction = (
  hostname: string,
  options: { all?: boolean; family?: number | string; hints?: number },
  callback: LookupCallback,
) => void;

/**
 * A `lookup` for net/tls.connect (undici's `connect.lookup`): resolves the name, then refuses
 * the connection when ANY address is non-public. The socket connects to the addresses checked
 * here and nowhere else, so a DNS answer that changes between a check and the connect (DNS
 * rebinding) cannot slip through.
 */
export function createSafeLookup(
  policy: AddressPolicy,
  resolve: typeof dnsLookup = dnsLookup,
): LookupFunction {
  return (hostname, options, callback) => {
    const hostProblem = policy.hostProblem(hostname);
    if (hostProblem) {
      callback(new BlockedAddressError(hostProblem), '', 0);
      return;
    }
    const family = typeof options.family === 'number' ? options.family : 0;
    resolve(hostname, { all: true, family, hints: options.hints ?? 0 }, (error, addresses) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      const list = addresses as LookupAddress[];
      for (const entry of list) {
        const problem = policy.addressProblem(hostname, entry.address);
        if (problem) {
          callback(new BlockedAddressError(problem), '', 0);
          return;
        }
      }
      if (list.length === 0) {
        const empty: NodeJS.ErrnoException = new Error(`no addresses for ${hostname}`);
        empty.code = 'ENOTFOUND';
        callback(empty, '', 0);
        return;
      }
      if (options.all) callback(null, list);
      else callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
