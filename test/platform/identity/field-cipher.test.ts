import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AppErrorDetails, isAppError } from '../../../src/platform/errors/app-error.ts';
import { createFieldCipher } from '../../../src/platform/identity/field-cipher.ts';

const key = Buffer.alloc(32, 7);

function expectFailure(action: () => unknown, failure: AppErrorDetails['field_decrypt']['failure']): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(isAppError(caught, 'field_decrypt') && caught.details.failure).toBe(failure);
}

describe('createFieldCipher', () => {
  it.each(['Nguyễn Văn A, 0912345678', '', `😀 \u0000 ${'x'.repeat(10_000)}`])('round-trips %#', (plain) => {
    const cipher = createFieldCipher(key);
    expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
  });

  it('writes key id 1, a 12-byte IV, the ciphertext and a 16-byte tag', () => {
    const plain = 'Trần Thị B';
    const data = createFieldCipher(key).encrypt(plain);
    expect(data[0]).toBe(1);
    expect(data.length).toBe(1 + 12 + Buffer.byteLength(plain, 'utf8') + 16);
    expect(data.includes(Buffer.from(plain, 'utf8'))).toBe(false);
  });

  it('uses a new IV each time, so equal texts give different ciphertexts', () => {
    const cipher = createFieldCipher(key);
    const ivs = new Set<string>();
    const bodies = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const data = cipher.encrypt('same');
      ivs.add(data.subarray(1, 13).toString('hex'));
      bodies.add(data.subarray(13).toString('hex'));
    }
    expect(ivs.size).toBe(1000);
    expect(bodies.size).toBe(1000);
  });

  it.each([
    ['the IV', 1],
    ['the ciphertext', 13],
    ['the tag', -1],
  ])('detects a changed bit in %s', (_part, index) => {
    const cipher = createFieldCipher(key);
    const data = cipher.encrypt('tip text');
    const at = index < 0 ? data.length + index : index;
    data[at] = (data[at] ?? 0) ^ 1;
    expectFailure(() => cipher.decrypt(data), 'tampered');
  });

  it('refuses data written under another key id', () => {
    const cipher = createFieldCipher(key);
    const data = cipher.encrypt('tip text');
    data[0] = 2;
    expectFailure(() => cipher.decrypt(data), 'unknown-key');
  });

  it('refuses data encrypted with a different key', () => {
    const data = createFieldCipher(randomBytes(32)).encrypt('tip text');
    expectFailure(() => createFieldCipher(key).decrypt(data), 'tampered');
  });

  it('refuses data too short to hold an IV and a tag', () => {
    const cipher = createFieldCipher(key);
    expectFailure(() => cipher.decrypt(Buffer.alloc(0)), 'truncated');
    expectFailure(() => cipher.decrypt(cipher.encrypt('').subarray(0, 28)), 'truncated');
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => createFieldCipher(Buffer.alloc(16))).toThrow(RangeError);
    expect(() => createFieldCipher(Buffer.alloc(33))).toThrow(RangeError);
  });

  it('keeps working when the caller later overwrites its key buffer', () => {
    const callerKey = Buffer.from(key);
    const cipher = createFieldCipher(callerKey);
    const data = cipher.encrypt('secret');
    callerKey.fill(0);
    expect(cipher.decrypt(data)).toBe('secret');
  });
});
