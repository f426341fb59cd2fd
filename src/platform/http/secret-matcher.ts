import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * A constant-time check of presented secrets against the expected one. Both are compared as
 * SHA-256 digests, so that neither the comparison nor an early length check reveals anything
 * about the secret; the expected digest is computed once, not at every request.
 * Example: `secretMatcher('s3cret')('s3cret')` → true.
 */
export function secretMatcher(expected: string): (presented: string) => boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  const expectedDigest = digest(expected);
  return (presented) =>
    timingSafeEqual(digest(presented), expectedDigest) && presented.length === expected.length;
}
