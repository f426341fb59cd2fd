import { parseOptions } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import {
  dummyPasswordHash,
  hashPassword,
  passwordHashOptions,
  verifyPassword,
} from '../../../src/casework/accounts/password-hashing.ts';

const owasp = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

describe('password hashing', () => {
  it('hashes with argon2id at the OWASP parameters and a fresh salt each time', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(parseOptions(first)).toMatchObject(owasp);
    expect(first).not.toBe(second);
    expect(passwordHashOptions).toEqual(owasp);
  });

  it('verifies the password and nothing else, and the NFC and NFD forms of one password alike', async () => {
    const stored = await hashPassword('Mật khẩu rất dài');
    expect(await verifyPassword(stored, 'Mật khẩu rất dài')).toBe(true);
    expect(await verifyPassword(stored, 'Mật khẩu rất dài'.normalize('NFD'))).toBe(true);
    expect(await verifyPassword(stored, 'Mat khau rat dai')).toBe(false);
  });

  it('answers false with no stored hash or a malformed one, never throwing', async () => {
    expect(await verifyPassword(null, 'anything at all')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything at all')).toBe(false);
  });

  it('keeps the dummy hash at the same parameters, so an unknown name costs the same work', () => {
    expect(parseOptions(dummyPasswordHash)).toMatchObject({ ...owasp, outputLen: 32, saltLen: 16 });
  });
});
