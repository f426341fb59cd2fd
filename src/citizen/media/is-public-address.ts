import { BlockList, isIPv4, isIPv6 } from 'node:net';

// Addresses that are not the public internet: this host, private networks, link-local (cloud
// metadata at 169.254.169.254), carrier-grade NAT, documentation, benchmarking, multicast, reserved.
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001:db8::', 32],
  ['2001::', 23],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/**
 * Whether an IP address (v4 or v6 text) is a public unicast address a server may fetch from.
 * Loopback, private, link-local, unique-local, multicast and reserved ranges are not; an IPv6
 * address that carries an IPv4 one (`::ffff:127.0.0.1`, NAT64 `64:ff9b::`, 6to4 `2002::`, the
 * deprecated `::a.b.c.d`) is judged by the IPv4 address inside. Anything unparseable is not public.
 * Example: `isPublicAddress('10.1.2.3')` → false; `isPublicAddress('2606:4700::1111')` → true.
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIPv4(bare)) return !blocked.check(bare, 'ipv4');
  if (!isIPv6(bare)) return false;
  const hextets = expandIPv6(bare);
  if (!hextets) return false;
  const embedded = embeddedIPv4(hextets);
  if (embedded) return isPublicAddress(embedded);
  return !blocked.check(bare, 'ipv6');
}

function embeddedIPv4(h: number[]): string | null {
  const v4 = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
  const zeros = (from: number, to: number) => h.slice(from, to).every((x) => x === 0);
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, deprecated but still routed by some stacks).
  if (zeros(0, 5) && (h[5] === 0xffff || h[5] === 0) && !(h[5] === 0 && zeros(6, 8)))
    return v4(h[6] ?? 0, h[7] ?? 0);
  // ::ffff:0:a.b.c.d (SIIT translated).
  if (zeros(0, 4) && h[4] === 0xffff && h[5] === 0) return v4(h[6] ?? 0, h[7] ?? 0);
  // 64:ff9b::a.b.c.d and 64:ff9b:1::/48 (NAT64).
  if (h[0] === 0x64 && h[1] === 0xff9b) return v4(h[6] ?? 0, h[7] ?? 0);
  // 2002:AABB:CCDD::/48 (6to4).
  if (h[0] === 0x2002) return v4(h[1] ?? 0, h[2] ?? 0);
  return null;
}

/** The eight 16-bit groups of an IPv6 address in text, or null. */
function expandIPv6(address: string): number[] | null {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const parts = dotted[1].split('.').map(Number);
    const hi = ((parts[0] ?? 0) << 8) | (parts[1] ?? 0);
    const lo = ((parts[2] ?? 0) << 8) | (parts[3] ?? 0);
    text = `${text.slice(0, -dotted[1].length)}${hi.toString(16)}:${lo.toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  const numbers = groups.map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? Number.parseInt(g, 16) : Number.NaN));
  return numbers.every((n) => Number.isInteger(n)) ? numbers : null;
}
