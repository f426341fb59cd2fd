import { createHash, randomBytes } from 'node:crypto';

/** 32 bytes of the system's CSPRNG, base64url: a session token, a CSRF token, an enrolment token. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** How a token is stored: its SHA-256 in hex, so a copy of the table opens nothing. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
