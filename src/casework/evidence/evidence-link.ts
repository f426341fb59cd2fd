import { createHmac, timingSafeEqual } from 'node:crypto';
import { isUuid } from '../../platform/database/is-uuid.ts';

/** How long a link on a report page opens its file. */
export const evidenceLinkLifetimeMs = 5 * 60_000;

const idLength = 16;
const expiryLength = 4;
// The id, the expiry and a 32-byte tag: 52 bytes, 70 characters of base64url without padding.
const tokenShape = /^[A-Za-z0-9_-]{70}$/;

/**
 * The link key of one console session: derived from the session's id, which never leaves the
 * server (the cookie holds the token it is the SHA-256 of), so a link made for one session can
 * be neither checked nor made for another, and no setting is needed.
 */
function linkKey(sessionId: string): Buffer {
  return createHmac('sha256', sessionId).update('tin-bao console evidence links v1').digest();
}

function tagOf(sessionId: string, payload: Buffer): Buffer {
  return createHmac('sha256', linkKey(sessionId)).update(payload).digest();
}

/**
 * A token that opens one attachment's stored file for one session until `expiresAt` (whole
 * seconds): the attachment id and the expiry, then an HMAC-SHA-256 of both under the session's
 * link key, in base64url. Throws RangeError for an attachment id that is not a UUID.
 * @example signEvidenceLink(user.sessionId, attachment.id, new Date(Date.now() + evidenceLinkLifetimeMs))
 */
export function signEvidenceLink(sessionId: string, attachmentId: string, expiresAt: Date): string {
  if (!isUuid(attachmentId)) throw new RangeError('attachment id must be a UUID');
  const payload = Buffer.alloc(idLength + expiryLength);
  payload.write(attachmentId.replaceAll('-', ''), 0, idLength, 'hex');
  payload.writeUInt32BE(Math.floor(expiresAt.getTime() / 1000), idLength);
  return Buffer.concat([payload, tagOf(sessionId, payload)]).toString('base64url');
}

/** The console address of an attachment's file for this session, valid for five minutes from `now`. */
export function evidenceLinkPath(sessionId: string, attachmentId: string, now: Date): string {
  const expiresAt = new Date(now.getTime() + evidenceLinkLifetimeMs);
  return `/console/evidence/${signEvidenceLink(sessionId, attachmentId, expiresAt)}`;
}

/**
 * The attachment a token opens for this session at `now`, or null: a token of another shape, not
 * in canonical base64url, signed for another session, altered, or expired all read the same.
 */
export function readEvidenceLink(
  token: string,
  sessionId: string,
  now: Date,
): { attachmentId: string; expiresAt: Date } | null {
  if (!tokenShape.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  // The last character carries four unused bits: only the one spelling of the bytes is accepted.
  if (bytes.toString('base64url') !== token) return null;
  const payload = bytes.subarray(0, idLength + expiryLength);
  if (!timingSafeEqual(bytes.subarray(idLength + expiryLength), tagOf(sessionId, payload))) return null;
  const expiresAt = new Date(payload.readUInt32BE(idLength) * 1000);
  if (now.getTime() >= expiresAt.getTime()) return null;
  const hex = payload.toString('hex', 0, idLength);
  const attachmentId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { attachmentId, expiresAt };
}
