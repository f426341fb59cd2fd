import type { AccountsContext } from './accounts-context.ts';
import { matchTotpCode } from './match-totp-code.ts';
import { hashPassword } from './password-hashing.ts';
import { checkPasswordPolicy, type PasswordPolicyReason } from './password-policy.ts';
import { tokenHash } from './random-token.ts';
import { findInvitation } from './read-invitation.ts';
import { recordAuthEvent } from './record-auth-event.ts';

export type EnrolmentResult =
  | { ok: { officerId: string } }
  | { refused: 'unknown' | 'expired' | 'not_opened' | 'invalid_code' }
  | { refused: 'password_policy'; reason: PasswordPolicyReason };

export interface Enrolment {
  token: string;
  password: string;
  /** A code from the authenticator for the secret the enrolment page showed. */
  totpCode: string;
  address?: string | null;
}

/**
 * Finishes an invitation: the password must pass the policy and the code must match the secret
 * shown on the enrolment page (so the phone is known to work before the account depends on it).
 * Sets the password hash and the time of enrolment, uses up the code's step and clears the token,
 * all in one UPDATE conditional on the token, so a token enrols once even when sent twice at once.
 * `not_opened`: the page was never shown, so there is no secret a code could come from.
 */
export async function completeEnrolment(
  ctx: AccountsContext,
  enrolment: Enrolment,
): Promise<EnrolmentResult> {
  const found = await findInvitation(ctx, enrolment.token);
  if (!('ok' in found)) return found;
  const row = found.ok;
  if (row.totpSecretEnc === null) return { refused: 'not_opened' };
  const reason = checkPasswordPolicy(enrolment.password, row.username);
  if (reason !== null) return { refused: 'password_policy', reason };
  const now = ctx.clock();
  const step = matchTotpCode(ctx.cipher.decrypt(row.totpSecretEnc), enrolment.totpCode, now);
  if (step === null) return { refused: 'invalid_code' };
  const passwordHash = await hashPassword(enrolment.password);
  const { rowCount } = await ctx.pool.query({
    name: 'accounts-complete-enrolment',
    text: `UPDATE officer
              SET password_hash = $3, enrolled_at = $4, totp_last_step = $5,
                  enrol_token_hash = NULL, enrol_expires_at = NULL
            WHERE id = $1 AND enrol_token_hash = $2 AND enrol_expires_at > $4 AND active`,
    values: [row.id, tokenHash(enrolment.token), passwordHash, now, step],
  });
  if (rowCount !== 1) return { refused: 'unknown' };
  await recordAuthEvent(ctx.pool, {
    kind: 'enrolled',
    officerId: row.id,
    at: now,
    address: enrolment.address ?? null,
  });
  return { ok: { officerId: row.id } };
}
