import { describe, expect, it } from 'vitest';
import { throttleAddress } from '../../../src/casework/accounts/throttle-address.ts';

describe('throttleAddress', () => {
  it('keeps an IPv4 address, also one written IPv4-mapped', () => {
    expect(throttleAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(throttleAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(throttleAddress('::ffff:cb00:7107')).toBe('203.0.113.7');
  });

  it('counts an IPv6 address by its /64, however it is written', () => {
    const prefix = '2001:0db8:0001:0002::/64';
    expect(throttleAddress('2001:db8:1:2:a:b:c:d')).toBe(prefix);
    expect(throttleAddress('2001:DB8:1:2::1')).toBe(prefix);
    expect(throttleAddress('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe(prefix);
    expect(throttleAddress('2001:db8:1:3::1')).toBe('2001:0db8:0001:0003::/64');
    expect(throttleAddress('::1')).toBe('0000:0000:0000:0000::/64');
    expect(throttleAddress('fe80::1%eth0')).toBe('fe80:0000:0000:0000::/64');
    expect(throttleAddress('64:ff9b::203.0.113.7')).toBe('0064:ff9b:0000:0000::/64');
  });

  it('leaves anything that is no address as it is', () => {
    expect(throttleAddress('unknown')).toBe('unknown');
  });
});
