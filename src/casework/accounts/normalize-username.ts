/** Login names: lower-case ASCII letters, digits, dot, dash and underscore, 3–64 long. */
const usernamePattern = /^[a-z0-9][a-z0-9._-]{2,63}$/;

/**
 * The stored form of a login name (NFC, trimmed, lower-case), so `Lan.Nguyen ` logs in as
 * `lan.nguyen`. Example: `normalizeUsername(' Lan.Nguyen ')` → `'lan.nguyen'`.
 */
export function normalizeUsername(raw: string): string {
  return raw.normalize('NFC').trim().toLowerCase();
}

/** Whether a normalized name may be given to a new account. */
export function isValidUsername(username: string): boolean {
  return usernamePattern.test(username);
}
