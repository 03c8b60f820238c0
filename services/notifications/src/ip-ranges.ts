import { isIP } from 'node:net';

/** An IP address as a number: 32 bits for IPv4, 128 for IPv6. */
export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

export interface IpRange {
  family: 4 | 6;
  prefix: bigint;
  bits: number;
  label: string;
}

function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return null;
  return parts.reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

function parseIpv6(text: string): bigint | null {
  let groups = text.toLowerCase().replace(/^\[|\]$/g, '').split('%')[0];
  // An embedded IPv4 tail (::ffff:127.0.0.1) becomes two groups.
  const ipv4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(groups);
  if (ipv4Tail) {
    const tail = parseIpv4(ipv4Tail[1]);
    if (tail === null) return null;
    groups = `${groups.slice(0, -ipv4Tail[1].length)}${(tail >> 16n).toString(16)}:${(tail & 0xffffn).toString(16)}`;
  }
  const halves = groups.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!all.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return null;
  return all.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** Parses an IPv4 or IPv6 address (brackets and a zone index allowed); null for anything else, names included. */
export function parseIp(text: string): IpAddress | null {
  const bare = text.replace(/^\[|\]$/g, '');
  const family = isIP(bare.split('%')[0]);
  if (family === 4) return { family: 4, value: parseIpv4(bare)! };
  if (family === 6) {
    const value = parseIpv6(bare);
    return value === null ? null : { family: 6, value };
  }
  return null;
}

/** Parses `address/bits` (a bare address is the one address). */
export function parseCidr(text: string, label = text): IpRange | null {
  const [address, bitsText, extra] = text.trim().split('/');
  const ip = parseIp(address);
  if (!ip || extra !== undefined) return null;
  const width = ip.family === 4 ? 32 : 128;
  const bits = bitsText === undefined ? width : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > width || (bitsText !== undefined && !/^\d+$/.test(bitsText))) return null;
  return { family: ip.family, prefix: ip.value >> BigInt(width - bits), bits, label };
}

export function inRange(address: IpAddress, range: IpRange): boolean {
  if (address.family !== range.family) return false;
  const width = address.family === 4 ? 32 : 128;
  return address.value >> BigInt(width - range.bits) === range.prefix;
}

const range = (cidr: string, label: string): IpRange => parseCidr(cidr, label)!;

/**
 * Where a webhook may never be sent: every IANA special-purpose range that is not globally
 * reachable unicast (RFC 6890 and its updates) — loopback, private, link-local (cloud metadata
 * at 169.254.169.254), shared, documentation, benchmarking, multicast, reserved — and the IPv6
 * forms that embed or translate to IPv4 (checked through the IPv4 they carry, or refused).
 */
export const FORBIDDEN_RANGES: readonly IpRange[] = [
  range('0.0.0.0/8', 'this network (0.0.0.0)'),
  range('10.0.0.0/8', 'private'),
  range('100.64.0.0/10', 'shared address space'),
  range('127.0.0.0/8', 'loopback'),
  range('169.254.0.0/16', 'link-local'),
  range('172.16.0.0/12', 'private'),
  range('192.0.0.0/24', 'IETF protocol assignments'),
  range('192.0.2.0/24', 'documentation'),
  range('192.88.99.0/24', '6to4 relay'),
  range('192.168.0.0/16', 'private'),
  range('198.18.0.0/15', 'benchmarking'),
  range('198.51.100.0/24', 'documentation'),
  range('203.0.113.0/24', 'documentation'),
  range('224.0.0.0/4', 'multicast'),
  range('240.0.0.0/4', 'reserved'),
  range('::/128', 'unspecified'),
  range('::1/128', 'loopback'),
  range('::/96', 'IPv4-compatible'),
  range('64:ff9b::/96', 'NAT64'),
  range('64:ff9b:1::/48', 'NAT64'),
  range('100::/64', 'discard-only'),
  range('2001::/23', 'IETF protocol assignments'),
  range('2001:db8::/32', 'documentation'),
  range('2002::/16', '6to4'),
  range('fc00::/7', 'unique local (private)'),
  range('fe80::/10', 'link-local'),
  range('fec0::/10', 'site-local'),
  range('ff00::/8', 'multicast'),
];

const IPV4_MAPPED = range('::ffff:0:0/96', 'IPv4-mapped');

/** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) as the IPv4 address it is; anything else as it is. */
export function unmapped(address: IpAddress): IpAddress {
  return inRange(address, IPV4_MAPPED) ? { family: 4, value: address.value & 0xffffffffn } : address;
}

/** The forbidden range an address falls in (its label), or null when it is globally reachable unicast. */
export function forbiddenRangeOf(address: IpAddress): string | null {
  const actual = unmapped(address);
  return FORBIDDEN_RANGES.find((candidate) => inRange(actual, candidate))?.label ?? null;
}
