/**
 * The SSRF guard: which network addresses the fetcher may connect to.
 *
 * A fetched URL comes from a feed, a reader or a redirect — all untrusted. Without a guard, a feed item
 * or a redirect pointing at 127.0.0.1, a private network or the cloud metadata service would let the
 * outside world make us read our own neighbourhood. The check runs on the address actually connected to
 * (it is the DNS lookup the socket uses, see `guardedLookup`), so a name that resolves to a public
 * address for the check and a private one for the connection (DNS rebinding) gains nothing.
 *
 * Operators may allow hosts or ranges (CORROBORATE_ALLOW_HOSTS): an entry is a host name (matched
 * against the URL's host), an address, or a CIDR range (matched against the connected address).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/** Ranges never fetched unless allowed, with why. */
const BLOCKED_V4: [string, number, string][] = [
  ['0.0.0.0', 8, 'this network'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT (also a cloud metadata address)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local (cloud metadata at 169.254.169.254)'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved and broadcast'],
];
const BLOCKED_V6: [string, number, string][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fe80::', 10, 'link-local'],
  ['fc00::', 7, 'unique-local (cloud metadata at fd00:ec2::254)'],
  ['ff00::', 8, 'multicast'],
];

const blocked = new BlockList();
for (const [net, bits] of BLOCKED_V4) blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of BLOCKED_V6) blocked.addSubnet(net, bits, 'ipv6');

/** The operator's exceptions, parsed once. */
export interface AddressPolicy {
  hosts: Set<string>;
  ranges: BlockList;
}

/** Parses allow-list entries (hosts, addresses, CIDRs); throws naming a malformed entry. */
export function addressPolicy(allow: readonly string[]): AddressPolicy {
  const hosts = new Set<string>();
  const ranges = new BlockList();
  for (const raw of allow) {
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^\[(.*)\]$/, '$1');
    if (!entry) continue;
    const slash = entry.indexOf('/');
    if (slash >= 0) {
      const net = entry.slice(0, slash);
      const bits = Number(entry.slice(slash + 1));
      const family = isIP(net);
      if (!family || !Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128))
        throw new Error(`not a CIDR range: ${raw}`);
      ranges.addSubnet(net, bits, family === 4 ? 'ipv4' : 'ipv6');
    } else if (isIP(entry)) {
      ranges.addAddress(entry, isIP(entry) === 4 ? 'ipv4' : 'ipv6');
      hosts.add(entry);
    } else {
      hosts.add(entry);
    }
  }
  return { hosts, ranges };
}

/** The IPv4 address inside an IPv4-mapped or NAT64 IPv6 address, else null. */
function embeddedV4(address: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::)(?:0:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (m) return m[1] as string;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return null;
  const hi = parseInt(hex[1] as string, 16);
  const lo = parseInt(hex[2] as string, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Why an address may not be fetched, or null when it may. */
export function blockedReason(address: string, policy: AddressPolicy): string | null {
  const family = isIP(address);
  if (!family) return `not an address: ${address}`;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (policy.ranges.check(address, type) || policy.hosts.has(address.toLowerCase())) return null;
  const inner = family === 6 ? embeddedV4(address) : null;
  if (inner) return blockedReason(inner, policy);
  if (!blocked.check(address, type)) return null;
  const table = family === 4 ? BLOCKED_V4 : BLOCKED_V6;
  const hit = table.find(([net, bits]) => {
    const one = new BlockList();
    one.addSubnet(net, bits, type);
    return one.check(address, type);
  });
  return `${address} is ${hit?.[2] ?? 'a reserved address'}`;
}

/** True when the operator allowed this URL host by name. */
export function hostAllowed(host: string, policy: AddressPolicy): boolean {
  return policy.hosts.has(host.toLowerCase().replace(/^\[(.*)\]$/, '$1'));
}

/** The error a refused lookup fails with; the fetcher sorts it as `blocked-address`. */
export class BlockedAddressError extends Error {
  readonly code = 'EBLOCKEDADDRESS';
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A drop-in for dns.lookup, given to the socket: resolves as usual, drops blocked addresses, and fails
 * when none is left. Names allowed by the operator pass unchecked.
 */
export function guardedLookup(policy: AddressPolicy) {
  return (
    hostname: string,
    options: { family?: number | string; all?: boolean; hints?: number },
    callback: LookupCallback,
  ): void => {
    dnsLookup(
      hostname,
      { family: options.family as number | undefined, hints: options.hints, all: true },
      (err, addresses) => {
        if (err) return callback(err, []);
        const allowedByName = hostAllowed(hostname, policy);
        const reasons: string[] = [];
        const usable = addresses.filter((a) => {
          if (allowedByName) return true;
          const reason = blockedReason(a.address, policy);
          if (reason) reasons.push(reason);
          return !reason;
        });
        if (!usable.length)
          return callback(
            new BlockedAddressError(`${hostname} resolves only to refused addresses (${reasons.join('; ')})`),
            [],
          );
        if (options.all) return callback(null, usable);
        const first = usable[0] as LookupAddress;
        callback(null, first.address, first.family);
      },
    );
  };
}

/**
 * Why a URL's host may not be fetched, checked before anything is asked of it (a reader's submission is
 * refused at once, naming why): an address literal that is refused, or a name whose every address is.
 * A name that does not resolve is not refused here; fetching it fails later and says so. The fetch itself
 * checks again on the address it connects to (a redirect, or a name that resolves differently then).
 */
export function hostRefusal(host: string, policy: AddressPolicy): Promise<string | null> {
  const bare = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (hostAllowed(bare, policy)) return Promise.resolve(null);
  if (isIP(bare)) return Promise.resolve(blockedReason(bare, policy));
  return new Promise((resolve) =>
    dnsLookup(bare, { all: true }, (err, addresses) => {
      if (err || !addresses.length) return resolve(null);
      const reasons = addresses.map((a) => blockedReason(a.address, policy));
      resolve(
        reasons.every(Boolean) ? `${bare} resolves only to refused addresses (${reasons.join('; ')})` : null,
      );
    }),
  );
}
