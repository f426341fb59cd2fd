import { createFieldCipher, type FieldCipher } from './field-cipher.ts';
import { createIdentityHasher, type IdentityHasher } from './identity-hasher.ts';

/** The two keys that protect reporters: one encrypts confidential fields, one hashes lookups. */
export interface IdentityProtection {
  cipher: FieldCipher;
  hasher: IdentityHasher;
}

export function createIdentityProtection(keys: {
  encryptionKey: Buffer;
  hashKey: Buffer;
}): IdentityProtection {
  return { cipher: createFieldCipher(keys.encryptionKey), hasher: createIdentityHasher(keys.hashKey) };
}
