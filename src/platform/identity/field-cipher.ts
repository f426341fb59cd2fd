import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError, type AppErrorDetails } from '../errors/app-error.ts';

const keyId = 1;
const keyLength = 32;
const ivLength = 12;
const tagLength = 16;
const headerLength = 1 + ivLength;

/** A stored confidential field could not be decrypted. The message never contains field data. */
function fieldDecryptError(failure: AppErrorDetails['field_decrypt']['failure']): AppError<'field_decrypt'> {
  return new AppError('field_decrypt', `confidential field cannot be decrypted: ${failure}`, {
    details: { failure },
  });
}

export interface FieldCipher {
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

/**
 * AES-256-GCM for confidential fields (reporter identity, contact details). `encrypt` returns
 * key id byte (1) ‖ 12-byte random IV ‖ ciphertext ‖ 16-byte tag; `decrypt` returns the text or
 * throws an AppError `field_decrypt` when the data is too short, names another key, or was altered (or
 * was encrypted with a different key). Throws RangeError unless the key is 32 bytes.
 */
export function createFieldCipher(key: Buffer): FieldCipher {
  if (key.length !== keyLength) throw new RangeError(`field cipher key must be ${keyLength} bytes`);
  // A copy, so that a caller zeroing or reusing its buffer cannot change the key in use.
  const secret = Buffer.from(key);
  // The key id byte is authenticated too, so it cannot be rewritten to steer decryption.
  const header = Buffer.of(keyId);
  const nextIv = createIvSource();

  return {
    encrypt(plain) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', secret, iv, { authTagLength: tagLength });
      cipher.setAAD(header);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([header, iv, body, cipher.getAuthTag()]);
    },

    decrypt(data) {
      if (data.length < headerLength + tagLength) throw fieldDecryptError('truncated');
      if (data[0] !== keyId) throw fieldDecryptError('unknown-key');
      const iv = data.subarray(1, headerLength);
      const body = data.subarray(headerLength, data.length - tagLength);
      const decipher = createDecipheriv('aes-256-gcm', secret, iv, { authTagLength: tagLength });
      decipher.setAAD(header);
      decipher.setAuthTag(data.subarray(data.length - tagLength));
      try {
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        throw fieldDecryptError('tampered');
      }
    },
  };
}

/**
 * Fresh random 96-bit IVs, cut from one read of the system's CSPRNG for 256 of them: each IV is
 * still 12 random bytes used once, but a busy process no longer spends a system call per
 * encrypted field.
 */
function createIvSource(): () => Buffer {
  let pool = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + ivLength > pool.length) {
      pool = randomBytes(ivLength * 256);
      offset = 0;
    }
    const iv = pool.subarray(offset, offset + ivLength);
    offset += ivLength;
    return iv;
  };
}
