import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const randomLength = 24;
const tagLength = 18;
const tokenPattern = /^([A-Za-z0-9_-]{32})\.([A-Za-z0-9_-]{24})$/;

export interface WebChatSessionTokens {
  /** A new random token (192 bits) with a tag that shows this server issued it. */
  issue(): string;
  /** The chat id of a token this server issued; null for anything else. */
  chatIdOf(token: string): string | null;
}

/**
 * Session tokens of the web chat. A token is `<random>.<tag>`, the tag a keyed HMAC of the random
 * part, so the server keeps no session table yet refuses tokens it did not issue (a client cannot
 * mint sessions to dodge the per-address session limit). The chat id is a hash of the whole token:
 * the database holds (encrypted) only that hash, never a token that could take over the chat.
 */
export function createWebChatSessionTokens(hashKey: Buffer): WebChatSessionTokens {
  // Its own key, derived, so a tag is never an identity hash and vice versa.
  const key = createHmac('sha256', hashKey).update('tin-bao web chat session tokens').digest();
  const tagOf = (random: string) => createHmac('sha256', key).update(random).digest().subarray(0, tagLength);
  return {
    issue() {
      const random = randomBytes(randomLength).toString('base64url');
      return `${random}.${tagOf(random).toString('base64url')}`;
    },
    chatIdOf(token) {
      const match = tokenPattern.exec(token);
      if (!match?.[1] || !match[2]) return null;
      const presented = Buffer.from(match[2], 'base64url');
      if (presented.length !== tagLength || !timingSafeEqual(presented, tagOf(match[1]))) return null;
      return createHash('sha256').update(`tin-bao web chat:${token}`).digest('base64url');
    },
  };
}
