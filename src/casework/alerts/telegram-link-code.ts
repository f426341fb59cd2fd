import { randomInt } from 'node:crypto';
import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import type { ConsoleUser } from '../access/console-user.ts';
import { tokenHash } from '../accounts/random-token.ts';
import { recordAuthEvent } from '../accounts/record-auth-event.ts';

/** Letters and digits no one misreads (no 0/O, 1/I/L). */
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const codeLength = 8;
export const linkCodeMinutes = 10;

/** A code as the officer may type it (spaces, a dash, lower case) as it is stored. */
export function normalizeLinkCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

/**
 * A new one-time code linking the user's Telegram account, valid `linkCodeMinutes`; it replaces
 * the user's earlier code. Only its hash is stored. Shown as `ABCD-EFGH`: 8 of 31 characters
 * (about 2^40), and Telegram's own pace and the per-account refusal count make guessing hopeless.
 */
export async function issueTelegramLinkCode(
  pool: PgPool,
  user: ConsoleUser,
  now: Date,
): Promise<{ code: string; expiresAt: Date }> {
  const code = Array.from({ length: codeLength }, () => alphabet[randomInt(alphabet.length)]).join('');
  const expiresAt = new Date(now.getTime() + linkCodeMinutes * 60_000);
  await pool.query(
    `INSERT INTO officer_telegram_code (code_hash, officer_id, expires_at, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (officer_id) DO UPDATE SET code_hash = EXCLUDED.code_hash, expires_at = EXCLUDED.expires_at,
       created_at = EXCLUDED.created_at`,
    [tokenHash(code), user.officerId, expiresAt, now],
  );
  await recordAuthEvent(pool, { kind: 'telegram_code_issued', officerId: user.officerId, at: now });
  return { code: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt };
}
