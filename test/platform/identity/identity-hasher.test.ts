import { describe, expect, it } from 'vitest';
import { createIdentityHasher } from '../../../src/platform/identity/identity-hasher.ts';

const key = Buffer.alloc(32, 1);

describe('createIdentityHasher', () => {
  it('gives the HMAC-SHA-256 of "channel:id" in hex', () => {
    // printf 'telegram:123456789' | openssl dgst -sha256 -mac HMAC -macopt hexkey:<32 bytes 01>
    expect(createIdentityHasher(key).hash('telegram', '123456789')).toBe(
      'b97bf7695dffdf3eb5ca30e494b4c22f0c6f80775dcf0be3965b8f631bbc1bbf',
    );
  });

  it('gives the same hash for the same user every time', () => {
    const hasher = createIdentityHasher(key);
    expect(hasher.hash('zalo', '42')).toBe(createIdentityHasher(Buffer.from(key)).hash('zalo', '42'));
  });

  it('separates channels, users and keys', () => {
    const hasher = createIdentityHasher(key);
    const hashes = new Set([
      hasher.hash('telegram', '42'),
      hasher.hash('zalo', '42'),
      hasher.hash('telegram', '43'),
      createIdentityHasher(Buffer.alloc(32, 2)).hash('telegram', '42'),
    ]);
    expect(hashes.size).toBe(4);
  });

  it('refuses a channel name containing ":" so that two pairs cannot hash alike', () => {
    expect(() => createIdentityHasher(key).hash('telegram:1', '2')).toThrow(RangeError);
  });

  it('refuses a key shorter than 32 bytes', () => {
    expect(() => createIdentityHasher(Buffer.alloc(31))).toThrow(RangeError);
  });
});
