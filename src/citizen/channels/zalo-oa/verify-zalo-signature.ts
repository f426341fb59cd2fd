import { createHash, timingSafeEqual } from 'node:crypto';

export interface ZaloSigningKeys {
  appId: string;
  /** The OA secret key (not the app secret). */
  oaSecretKey: string;
}

/**
 * Zalo's webhook signature: hex SHA-256 (a plain hash, not an HMAC) of app id, the raw body bytes,
 * the event's timestamp and the OA secret key, concatenated. The header reads `mac=<hex>`.
 */
export function zaloSignature(appId: string, raw: Buffer, timestamp: string, oaSecretKey: string): string {
  return createHash('sha256')
    .update(appId, 'utf8')
    .update(raw)
    .update(timestamp, 'utf8')
    .update(oaSecretKey, 'utf8')
    .digest('hex');
}

/**
 * Checks `X-ZEvent-Signature` against the raw body in constant time. `app_id` and `timestamp` are
 * read from the body, but the hash covers the bytes as received; a body that is not JSON, names
 * another app, or has no timestamp cannot be verified and is refused.
 */
export function verifyZaloSignature(header: string | undefined, raw: Buffer, keys: ZaloSigningKeys): boolean {
  const presented = /^mac=([0-9a-fA-F]{64})$/.exec(header?.trim() ?? '')?.[1];
  if (!presented) return false;
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return false;
  }
  if (typeof body !== 'object' || body === null) return false;
  const { app_id: appId, timestamp } = body as Record<string, unknown>;
  const stamp =
    typeof timestamp === 'string' ? timestamp : typeof timestamp === 'number' ? String(timestamp) : null;
  if (stamp === null || typeof appId !== 'string') return false;
  // The expected app id is part of the hash: an event of another app simply does not match.
  const expected = Buffer.from(zaloSignature(keys.appId, raw, stamp, keys.oaSecretKey), 'hex');
  const matches = timingSafeEqual(Buffer.from(presented.toLowerCase(), 'hex'), expected);
  return matches && appId === keys.appId;
}
