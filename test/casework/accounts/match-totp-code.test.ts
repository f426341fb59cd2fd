import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { matchTotpCode } from '../../../src/casework/accounts/match-totp-code.ts';
import { generateTotpSecret } from '../../../src/casework/accounts/totp-secret.ts';

const secret = generateTotpSecret();
const now = new Date('2026-12-08T01:00:05.000Z');
const step = Math.floor(now.getTime() / 30_000);
const codeAt = (offsetSeconds: number) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: now.getTime() + offsetSeconds * 1000 });

describe('matchTotpCode', () => {
  it('matches the current step and one step either side, naming the step', () => {
    expect(matchTotpCode(secret, codeAt(0), now)).toBe(step);
    expect(matchTotpCode(secret, codeAt(-30), now)).toBe(step - 1);
    expect(matchTotpCode(secret, codeAt(30), now)).toBe(step + 1);
  });

  it('refuses codes two steps away', () => {
    for (const offset of [-60, 60, -90, 90]) {
      const code = codeAt(offset);
      // A code of another step may by chance equal one in the window: skip that rare case.
      if ([-30, 0, 30].some((near) => codeAt(near) === code)) continue;
      expect(matchTotpCode(secret, code, now)).toBeNull();
    }
  });

  it("refuses another secret's code and anything but six digits, and ignores spaces", () => {
    const other = TOTP.generate({
      secret: Secret.fromBase32(generateTotpSecret()),
      timestamp: now.getTime(),
    });
    if (other !== codeAt(0)) expect(matchTotpCode(secret, other, now)).toBeNull();
    expect(matchTotpCode(secret, codeAt(0).slice(0, 5), now)).toBeNull();
    expect(matchTotpCode(secret, `${codeAt(0)}0`, now)).toBeNull();
    expect(matchTotpCode(secret, 'abcdef', now)).toBeNull();
    const spaced = `${codeAt(0).slice(0, 3)} ${codeAt(0).slice(3)}`;
    expect(matchTotpCode(secret, spaced, now)).toBe(step);
  });
});
