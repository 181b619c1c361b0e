import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { AddressPolicy, embeddedIpv4, isDeniedAddress } from '../src/net/address-policy.js';
import { BlockedAddressError } from '../src/net/blocked-address-error.js';
import { createSafeLookup } from '../src/net/safe-lookup.js';

describe('non-public addresses', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254', // cloud metadata
    '100.64.0.1', // CGNAT
    '100.100.100.200', // Alibaba metadata (CGNAT)
    '0.0.0.0',
    '224.0.0.251', // multicast
    '255.255.255.255',
    '::1',
    '::',
    'fd00:ec2::254', // AWS metadata (ULA)
    'fc00::1',
    'fe80::1',
    'ff02::1',
    '::ffff:127.0.0.1', // IPv4-mapped
    '::ffff:7f00:1',
    '::ffff:8.8.8.8', // mapped addresses are refused whatever they map to
    '64:ff9b::a00:1', // NAT64 of 10.0.0.1
    '2002:c0a8:101::1', // 6to4 of 192.168.1.1
    '[::1]',
  ])('refuses %s', (address) => {
    expect(isDeniedAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', '64:ff9b::808:808'])(
    'allows public %s',
    (address) => {
      expect(isDeniedAddress(address)).toBe(false);
    },
  );

  it('reads the IPv4 address inside mapped, NAT64 and 6to4 addresses', () => {
    expect(embeddedIpv4('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(embeddedIpv4('64:ff9b::10.0.0.1')).toBe('10.0.0.1');
    expect(embeddedIpv4('2002:c0a8:101::1')).toBe('192.168.1.1');
    expect(embeddedIpv4('2606:4700::1')).toBeNull();
  });
});

describe('AddressPolicy allow-list', () => {
  it('trusts listed addresses, CIDRs, host names and wildcard names', () => {
    const policy = new AddressPolicy(['127.0.0.1', '10.20.0.0/16', 'wiki.corp', '*.intranet.example']);
    expect(policy.addressProblem('a.test', '127.0.0.1')).toBeNull();
    expect(policy.addressProblem('a.test', '127.0.0.2')).toMatch(/non-public/);
    expect(policy.addressProblem('a.test', '10.20.5.5')).toBeNull();
    expect(policy.addressProblem('a.test', '10.21.0.1')).toMatch(/non-public/);
    expect(policy.addressProblem('wiki.corp', '10.99.0.1')).toBeNull();
    expect(policy.addressProblem('docs.intranet.example', '192.168.0.9')).toBeNull();
    expect(policy.hostProblem('169.254.169.254')).toMatch(/non-public/);
    expect(policy.hostProblem('metadata.google.internal')).toMatch(/metadata/);
  });

  it('rejects a malformed CIDR', () => {
    expect(() => new AddressPolicy(['10.0.0.0/40'])).toThrow(/prefix/);
  });
});

describe('createSafeLookup', () => {
  function fakeResolver(answers: Record<string, LookupAddress[]>) {
    return ((
      hostname: string,
      _options: unknown,
      callback: (e: Error | null, a: LookupAddress[]) => void,
    ) => {
      callback(null, answers[hostname] ?? []);
    }) as unknown as typeof import('node:dns').lookup;
  }

  function run(lookup: ReturnType<typeof createSafeLookup>, host: string, all: boolean) {
    return new Promise<{ error: Error | null; address: unknown; family?: number }>((resolve) => {
      lookup(host, { all }, (error, address, family) => resolve({ error, address, family }));
    });
  }

  const resolver = fakeResolver({
    'public.test': [{ address: '93.184.216.34', family: 4 }],
    'rebind.test': [
      { address: '93.184.216.34', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ],
    'metadata-alias.test': [{ address: '169.254.169.254', family: 4 }],
    'mapped.test': [{ address: '::ffff:10.0.0.1', family: 6 }],
  });

  it('passes public answers through, in the shape the caller asked for', async () => {
    const lookup = createSafeLookup(new AddressPolicy(), resolver);
    expect(await run(lookup, 'public.test', false)).toEqual({
      error: null,
      address: '93.184.216.34',
      family: 4,
    });
    expect((await run(lookup, 'public.test', true)).address).toEqual([
      { address: '93.184.216.34', family: 4 },
    ]);
  });

  it('refuses a name when any of its addresses is non-public (DNS rebinding, metadata aliases)', async () => {
    const lookup = createSafeLookup(new AddressPolicy(), resolver);
    for (const host of ['rebind.test', 'metadata-alias.test', 'mapped.test']) {
      const { error } = await run(lookup, host, true);
      expect(error).toBeInstanceOf(BlockedAddressError);
    }
  });

  it('lets the allow-list open a network', async () => {
    const lookup = createSafeLookup(new AddressPolicy(['127.0.0.0/8']), resolver);
    expect((await run(lookup, 'rebind.test', true)).error).toBeNull();
  });
});
