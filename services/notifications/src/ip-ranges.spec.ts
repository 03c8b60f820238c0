import { forbiddenRangeOf, inRange, parseCidr, parseIp } from './ip-ranges';

const forbidden = (text: string) => forbiddenRangeOf(parseIp(text)!);

describe('ip ranges', () => {
  it('parses IPv4 and IPv6 in their usual spellings, and refuses names and garbage', () => {
    expect(parseIp('127.0.0.1')).toEqual({ family: 4, value: 0x7f000001n });
    expect(parseIp('[::1]')).toEqual({ family: 6, value: 1n });
    expect(parseIp('::ffff:127.0.0.1')).toEqual(parseIp('::ffff:7f00:1'));
    expect(parseIp('fe80::1%eth0')).toEqual({ family: 6, value: (0xfe80n << 112n) | 1n });
    expect(parseIp('2001:0db8:0000:0000:0000:0000:0000:0001')).toEqual(parseIp('2001:db8::1'));
    for (const text of ['localhost', '1.2.3', '256.1.1.1', '::1::2', 'example.org', '']) expect(parseIp(text)).toBeNull();
  });

  it.each([
    ['169.254.169.254', 'link-local'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'shared address space'],
    ['0.0.0.0', 'this network (0.0.0.0)'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['198.18.0.1', 'benchmarking'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fc00::1', 'unique local (private)'],
    ['fd12:3456::1', 'unique local (private)'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:a00:1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'NAT64'],
    ['2002:7f00:1::', '6to4'],
    ['::127.0.0.1', 'IPv4-compatible'],
  ])('refuses %s (%s)', (address, label) => {
    expect(forbidden(address)).toBe(label);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '192.169.0.1', '11.0.0.1', '2606:4700:4700::1111', '2a00:1450:4001::1', '::ffff:8.8.8.8'])(
    'lets globally reachable %s through',
    (address) => {
      expect(forbidden(address)).toBeNull();
    },
  );

  it('parses CIDRs for the allow-list, a bare address being itself', () => {
    const loopback = parseCidr('127.0.0.1/32')!;
    expect(inRange(parseIp('127.0.0.1')!, loopback)).toBe(true);
    expect(inRange(parseIp('127.0.0.2')!, loopback)).toBe(false);
    expect(inRange(parseIp('::1')!, parseCidr('::1')!)).toBe(true);
    expect(inRange(parseIp('10.9.8.7')!, parseCidr('10.0.0.0/8')!)).toBe(true);
    for (const text of ['10.0.0.0/33', '10.0.0.0/x', 'example.org/8', '::1/129', '1.2.3.4/8/9']) expect(parseCidr(text)).toBeNull();
  });
});
