import { createHmac } from 'node:crypto';

const minimumKeyLength = 32;

export interface IdentityHasher {
  hash(channel: string, platformUserId: string): string;
}

/**
 * Pseudonymous ids for chat users: `hash` is the hex HMAC-SHA-256 of `channel:platformUserId`.
 * Keyed, so that a database dump cannot be matched against chat ids known from elsewhere. The same
 * inputs and key always give the same hash. Throws RangeError for a key under 32 bytes, and for a
 * channel containing ":" (which would let two different pairs hash alike).
 */
export function createIdentityHasher(key: Buffer): IdentityHasher {
  if (key.length < minimumKeyLength) {
    throw new RangeError(`identity hash key must be at least ${minimumKeyLength} bytes`);
  }
  const secret = Buffer.from(key);
  return {
    hash(channel, platformUserId) {
      if (channel.includes(':')) throw new RangeError(`channel name must not contain ":": ${channel}`);
      return createHmac('sha256', secret).update(`${channel}:${platformUserId}`, 'utf8').digest('hex');
    },
  };
}
