import { isIPv4, isIPv6 } from 'node:net';

/**
 * The part of a client address the login throttle counts by: an IPv4 address as it is (also when
 * written IPv4-mapped, `::ffff:a.b.c.d`), an IPv6 address by its /64, since one subscriber is
 * usually given a whole /64 and could otherwise try from a new address each time. Anything else
 * (no address known) is counted as itself.
 * Example: `throttleAddress('2001:db8:1:2:a:b:c:d')` → `'2001:0db8:0001:0002::/64'`.
 */
export function throttleAddress(address: string): string {
  const plain = address.split('%')[0] ?? address;
  if (isIPv4(plain) || !isIPv6(plain)) return plain;
  const groups = ipv6Groups(plain.toLowerCase());
  const mapped = groups.slice(0, 5).every((g) => g === '0000') && groups[5] === 'ffff';
  if (mapped) {
    const [high = 0, low = 0] = groups.slice(6).map((g) => Number.parseInt(g, 16));
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, four hex digits each (`::` and a dotted tail expanded). */
function ipv6Groups(address: string): string[] {
  let text = address;
  const dotted = text.match(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (dotted) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const front = head === '' ? [] : head.split(':');
  const back = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : Array<string>(8 - front.length - back.length).fill('0');
  return [...front, ...zeros, ...back].map((g) => g.padStart(4, '0'));
}
