import { createHash } from 'node:crypto';

/**
 * The name a session is shown and ended by in the console's "your sessions" list: 16 hex
 * characters of a SHA-256 of its id, derived, so it needs no column. Not the id itself nor a
 * prefix of it: the id is the key the session is found by and the name audit rows record it
 * under, so a page, a screenshot or a browser cache holding the list gives away neither that key
 * nor which audit rows were that session's, and no lookup by a prefix of the key exists to be
 * enumerated. A handle ends a session only among the officer's own (`endOwnSession`), so knowing
 * another officer's handle ends nothing; 64 bits cannot collide among one officer's sessions.
 */
export function sessionHandle(sessionId: string): string {
  return createHash('sha256')
    .update(`tin-bao officer session handle\0${sessionId}`)
    .digest('hex')
    .slice(0, 16);
}
