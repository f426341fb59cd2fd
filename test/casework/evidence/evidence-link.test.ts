import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  evidenceLinkLifetimeMs,
  evidenceLinkPath,
  readEvidenceLink,
  signEvidenceLink,
} from '../../../src/casework/evidence/evidence-link.ts';

const session = 'a'.repeat(64);
const otherSession = 'b'.repeat(64);
const attachmentId = randomUUID();
const now = new Date('2026-03-02T08:00:00.000Z');
const inFive = new Date(now.getTime() + evidenceLinkLifetimeMs);

/** The token with one character replaced by another of the alphabet. */
const withCharacter = (token: string, at: number) =>
  token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);

describe('evidence links', () => {
  it('open their attachment for the session they were signed for, until their expiry', () => {
    const token = signEvidenceLink(session, attachmentId, inFive);
    expect(token).toMatch(/^[A-Za-z0-9_-]{70}$/);
    expect(readEvidenceLink(token, session, now)).toEqual({ attachmentId, expiresAt: inFive });
    expect(readEvidenceLink(token, session, new Date(inFive.getTime() - 1))?.attachmentId).toBe(attachmentId);
    expect(readEvidenceLink(token, session, inFive)).toBeNull();
  });

  it('open nothing in another session', () => {
    const token = signEvidenceLink(session, attachmentId, inFive);
    expect(readEvidenceLink(token, otherSession, now)).toBeNull();
  });

  it('open nothing once any character is changed, the unused bits of the last one included', () => {
    const token = signEvidenceLink(session, attachmentId, inFive);
    for (let at = 0; at < token.length; at++)
      expect(readEvidenceLink(withCharacter(token, at), session, now), `character ${at}`).toBeNull();
    // The last character's four low bits are unused: a different spelling of the same bytes.
    const last = token.at(-1) ?? '';
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sameBytes = alphabet[alphabet.indexOf(last) ^ 1] ?? '';
    const respelled = token.slice(0, -1) + sameBytes;
    expect(Buffer.from(respelled, 'base64url').equals(Buffer.from(token, 'base64url'))).toBe(true);
    expect(readEvidenceLink(respelled, session, now)).toBeNull();
  });

  it('open nothing for a later expiry or another attachment written over a genuine token', () => {
    const bytes = Buffer.from(signEvidenceLink(session, attachmentId, inFive), 'base64url');
    const later = Buffer.from(bytes);
    later.writeUInt32BE(later.readUInt32BE(16) + 3600, 16);
    expect(readEvidenceLink(later.toString('base64url'), session, now)).toBeNull();
    const other = Buffer.from(bytes);
    other.write(randomUUID().replaceAll('-', ''), 0, 16, 'hex');
    expect(readEvidenceLink(other.toString('base64url'), session, now)).toBeNull();
  });

  it('read anything of another shape as nothing', () => {
    for (const token of ['', 'x', 'a'.repeat(69), 'a'.repeat(71), `${'a'.repeat(69)}=`, `${'a'.repeat(69)}.`])
      expect(readEvidenceLink(token, session, now), token).toBeNull();
  });

  it('are console addresses that expire five minutes after they are made', () => {
    const path = evidenceLinkPath(session, attachmentId, now);
    const token = path.replace('/console/evidence/', '');
    expect(path).toBe(`/console/evidence/${token}`);
    expect(readEvidenceLink(token, session, now)?.expiresAt).toEqual(inFive);
  });

  it('refuses to sign for an attachment id that is not a UUID', () => {
    expect(() => signEvidenceLink(session, 'not-a-uuid', inFive)).toThrow(RangeError);
  });
});
