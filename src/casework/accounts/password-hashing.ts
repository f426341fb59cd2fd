import { type Algorithm, hash, verify } from '@node-rs/argon2';

/** OWASP's argon2id parameters: 19 MiB, 2 passes, 1 lane. */
export const passwordHashOptions = {
  algorithm: 2 as Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/**
 * A hash of no account's password with the same parameters, verified when the login name is
 * unknown (or has no password yet), so that answer costs the same argon2 work as a wrong password
 * and its timing tells nothing about which names exist.
 */
export const dummyPasswordHash =
  '$argon2id$v=19$m=19456,t=2,p=1$vZL3m/Og7FbqPyl9Ecq+7A$W0In20yG7wBTwBteXBVEP8LSKdnfDsBFYwMT5cuBlmw';

/** The PHC string of an argon2id hash of the NFC form of `password`, with a fresh salt. */
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), passwordHashOptions);
}

/**
 * Whether `password` matches `stored`; with no stored hash, the dummy's work is done and the
 * answer is false. A malformed stored hash is a mismatch, never a throw.
 */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  const normalized = password.normalize('NFC');
  try {
    const matches = await verify(stored ?? dummyPasswordHash, normalized);
    return stored !== null && matches;
  } catch {
    return false;
  }
}
