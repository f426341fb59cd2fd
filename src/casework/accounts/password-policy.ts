import { normalizeUsername } from './normalize-username.ts';

/** Why a password is refused; the console turns the code into text in the officer's language. */
export type PasswordPolicyReason = 'too_short' | 'too_long' | 'same_as_username';

const minLength = 12;
const maxLength = 128;

/**
 * The password rules (OWASP ASVS 5.0 level 2): 12–128 characters once NFC-normalized, counted as
 * code points, and not the login name; nothing about character classes and no rotation. Returns
 * null when the password is acceptable. Example: `checkPasswordPolicy('short', 'lan')` → `'too_short'`.
 */
export function checkPasswordPolicy(password: string, username: string): PasswordPolicyReason | null {
  const normalized = password.normalize('NFC');
  const length = [...normalized].length;
  if (length < minLength) return 'too_short';
  if (length > maxLength) return 'too_long';
  if (normalizeUsername(normalized) === normalizeUsername(username)) return 'same_as_username';
  return null;
}
