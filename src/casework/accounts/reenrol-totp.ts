import type { ConsoleUser } from '../access/console-user.ts';
import type { AccountsContext } from './accounts-context.ts';
import { authenticate } from './authenticate.ts';
import { matchTotpCode } from './match-totp-code.ts';
import { recordAuthEvent } from './record-auth-event.ts';
import { generateTotpSecret, totpQrSvg, totpUri } from './totp-secret.ts';

/** How long the new secret of a re-enrolment may wait for its first code. */
const pendingMinutes = 10;

export interface PendingTotp {
  /**
   * The new secret sealed (AES-GCM with the identity key) with the officer's id and a time limit,
   * for the console to carry in the confirmation form: the server keeps nothing until the new code
   * is confirmed, and a sealed secret is useless to anyone but this officer.
   */
  pending: string;
  totpSecret: string;
  totpUri: string;
  totpQrSvg: string;
}

export type ReenrolmentStart =
  | { ok: PendingTotp }
  | { refused: 'throttled'; retryAfterSeconds: number }
  | { refused: 'invalid' };

interface Sealed {
  officerId: string;
  secret: string;
  until: number;
}

/**
 * The first half of replacing an officer's TOTP: they re-authenticate with their current password
 * and a current code (throttled, single use and logged as a login is), and get a new secret to
 * scan. Nothing changes until `completeTotpReenrolment` sees a code of the new secret.
 */
export async function startTotpReenrolment(
  ctx: AccountsContext,
  actor: Pick<ConsoleUser, 'officerId' | 'username'>,
  proof: { password: string; totpCode: string; address: string },
): Promise<ReenrolmentStart> {
  const checked = await authenticate(ctx, {
    ...proof,
    username: actor.username,
    purpose: 'reauthentication',
  });
  if ('refused' in checked) {
    return checked.refused === 'throttled' ? checked : { refused: 'invalid' };
  }
  if (checked.ok.id !== actor.officerId) return { refused: 'invalid' };
  const secret = generateTotpSecret();
  const sealed: Sealed = {
    officerId: actor.officerId,
    secret,
    until: ctx.clock().getTime() + pendingMinutes * 60_000,
  };
  const uri = totpUri(secret, actor.username);
  return {
    ok: {
      pending: ctx.cipher.encrypt(JSON.stringify(sealed)).toString('base64url'),
      totpSecret: secret,
      totpUri: uri,
      totpQrSvg: await totpQrSvg(uri),
    },
  };
}

/**
 * The second half: a code of the new secret replaces the old secret (and uses up its step).
 * `expired` when the pending secret is older than 10 minutes, `invalid` when it is not this
 * officer's or was altered.
 */
export async function completeTotpReenrolment(
  ctx: AccountsContext,
  actor: Pick<ConsoleUser, 'officerId'>,
  confirmation: { pending: string; totpCode: string; address?: string | null },
): Promise<{ ok: true } | { refused: 'invalid' | 'expired' | 'invalid_code' }> {
  const sealed = unseal(ctx, confirmation.pending);
  if (sealed === null || sealed.officerId !== actor.officerId) return { refused: 'invalid' };
  const now = ctx.clock();
  if (now.getTime() >= sealed.until) return { refused: 'expired' };
  const step = matchTotpCode(sealed.secret, confirmation.totpCode, now);
  if (step === null) return { refused: 'invalid_code' };
  const { rowCount } = await ctx.pool.query({
    name: 'accounts-replace-totp',
    text: `UPDATE officer SET totp_secret_enc = $2, totp_last_step = $3
            WHERE id = $1 AND active AND enrolled_at IS NOT NULL`,
    values: [actor.officerId, ctx.cipher.encrypt(sealed.secret), step],
  });
  if (rowCount !== 1) return { refused: 'invalid' };
  await recordAuthEvent(ctx.pool, {
    kind: 'totp_reenrolled',
    officerId: actor.officerId,
    at: now,
    address: confirmation.address ?? null,
  });
  return { ok: true };
}

function unseal(ctx: AccountsContext, pending: string): Sealed | null {
  try {
    const value = JSON.parse(ctx.cipher.decrypt(Buffer.from(pending, 'base64url'))) as Partial<Sealed>;
    const { officerId, secret, until } = value;
    if (typeof officerId !== 'string' || typeof secret !== 'string' || typeof until !== 'number') return null;
    return { officerId, secret, until };
  } catch {
    return null;
  }
}
