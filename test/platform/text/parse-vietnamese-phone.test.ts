import { describe, expect, it } from 'vitest';
import { parseVietnamesePhone } from '../../../src/platform/text/parse-vietnamese-phone.ts';

describe('parseVietnamesePhone', () => {
  it.each([
    ['0912345678', '+84912345678'],
    ['84912345678', '+84912345678'], // Telegram contact
    ['+84912345678', '+84912345678'],
    ['0912 345 678', '+84912345678'],
    ['091.234.5678', '+84912345678'],
    ['091-234-5678', '+84912345678'],
    ['+84 91 234 5678', '+84912345678'],
    ['(+84) 912-345-678', '+84912345678'],
    ['  0987654321 ', '+84987654321'],
    ['0312345678', '+84312345678'],
    ['0562345678', '+84562345678'],
    ['0702345678', '+84702345678'],
    ['0812345678', '+84812345678'],
  ])('reads %s as %s', (input, expected) => {
    expect(parseVietnamesePhone(input)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['091234567', '9 digits'],
    ['09123456789', '11 digits'],
    ['0212345678', 'not a mobile prefix'],
    ['02438253456', 'Hà Nội landline'],
    ['0712345678', 'unallocated 07 range'],
    ['840912345678', 'country code and trunk zero together'],
    ['+840912345678', 'country code and trunk zero together'],
    ['+12025550123', 'foreign number'],
    ['+8491234567', 'country code and 8 digits'],
    ['0912a45678', 'a letter'],
    ['0912/345/678', 'slashes'],
    ['912345678', 'no prefix at all'],
  ])('refuses %s (%s)', (input) => {
    expect(parseVietnamesePhone(input)).toBeNull();
  });
});
