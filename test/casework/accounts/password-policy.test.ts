import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from '../../../src/casework/accounts/password-policy.ts';

describe('checkPasswordPolicy', () => {
  it('accepts 12 to 128 characters and refuses 11 or 129, with a reason code', () => {
    expect(checkPasswordPolicy('a'.repeat(11), 'lan')).toBe('too_short');
    expect(checkPasswordPolicy('a'.repeat(12), 'lan')).toBeNull();
    expect(checkPasswordPolicy('a'.repeat(128), 'lan')).toBeNull();
    expect(checkPasswordPolicy('a'.repeat(129), 'lan')).toBe('too_long');
  });

  it('counts characters after NFC, so a decomposed Vietnamese password is measured as typed', () => {
    // 12 letters, each a base letter and combining marks when decomposed (about 24 code points).
    const twelve = 'ẬẤỀỂỄỆỈỊỌỐỒỔ';
    const decomposed = twelve.normalize('NFD');
    expect([...decomposed].length).toBeGreaterThan(12);
    expect(checkPasswordPolicy(decomposed, 'lan')).toBeNull();
    expect(checkPasswordPolicy(decomposed.normalize('NFC').slice(1).normalize('NFD'), 'lan')).toBe(
      'too_short',
    );
    // 128 composed letters are 128 characters, though their decomposed form is far longer.
    expect(checkPasswordPolicy('Ậ'.repeat(128).normalize('NFD'), 'lan')).toBeNull();
  });

  it('refuses the login name as the password, whatever its case', () => {
    expect(checkPasswordPolicy('Nguyen.Van.Lan', 'nguyen.van.lan')).toBe('same_as_username');
    expect(checkPasswordPolicy('nguyen.van.lan!', 'nguyen.van.lan')).toBeNull();
  });
});
