import type { OfficerRole } from '../access/console-user.ts';
import type { AccountsContext } from './accounts-context.ts';
import { consumeTotpStep } from './consume-totp-step.ts';
import { matchTotpCode } from './match-totp-code.ts';
import { isValidUsername, normalizeUsername } from './normalize-username.ts';
import { verifyPassword } from './password-hashing.ts';
import { type AuthEventDetail, recordAuthEvent } from './record-auth-event.ts';
import { forgiveLoginAttempt, loginThrottleKeys, reserveLoginAttempt } from './throttle-login-attempt.ts';

export interface AuthenticatedOfficer {
  id: string;
  username: string;
  displayName: string;
  role: OfficerRole;
  unitId: string | null;
}

export type AuthenticationResult =
  | { ok: AuthenticatedOfficer }
  | { refused: 'throttled'; retryAfterSeconds: number }
  | { refused: 'invalid' | 'inactive' | 'not_enrolled' };

export interface LoginAttempt {
  username: string;
  password: string;
  totpCode: string;
  /** The client's address as the web server sees it (behind TRUST_PROXY, the forwarded one). */
  address: string;
  /** A re-authentication before a sensitive change (new TOTP), written so in its events. */
  purpose?: 'login' | 'reauthentication';
}

interface LoginRow extends AuthenticatedOfficer {
  passwordHash: string | null;
  totpSecretEnc: Buffer | null;
  enrolledAt: Date | null;
  active: boolean;
}

// No password longer than this can match (the policy allows 128 code points): not worth hashing.
const longestPassword = 1024;

/**
 * Checks a login: password, then TOTP code, then the account's state, within the throttle.
 * An unknown login name, a wrong password and a wrong or reused code are all `invalid`, and an
 * unknown name costs the same argon2 work, so neither the answer nor its time says which names
 * exist. `inactive` and `not_enrolled` are told only to someone who gave the right password
 * (and code, for `inactive`). A never-enrolled account has no password, so it is `invalid` too.
 * Every outcome writes an auth event, which holds no password, code or login name tried.
 * @example const result = await authenticate(accounts, { username, password, totpCode, address: request.ip })
 */
export async function authenticate(
  ctx: AccountsContext,
  attempt: LoginAttempt,
): Promise<AuthenticationResult> {
  const username = normalizeUsername(attempt.username);
  const valid = isValidUsername(username);
  // Malformed names share one key, so junk cannot add a row a try; no real account is behind it.
  const keys = loginThrottleKeys(valid ? username : '(malformed)', attempt.address);
  const now = ctx.clock();
  const decision = await reserveLoginAttempt(ctx, keys);
  const officer = valid ? await readLoginRow(ctx, username) : null;
  const purpose = attempt.purpose === 'reauthentication' ? { purpose: attempt.purpose } : {};
  const event = (
    kind: 'login_succeeded' | 'login_failed' | 'login_throttled',
    detail: AuthEventDetail = {},
  ) =>
    recordAuthEvent(ctx.pool, {
      kind,
      officerId: officer?.id ?? null,
      at: now,
      address: attempt.address,
      detail: { ...detail, ...purpose },
    });

  if (!decision.allowed) {
    await event('login_throttled', { retryAfterSeconds: decision.retryAfterSeconds });
    return { refused: 'throttled', retryAfterSeconds: decision.retryAfterSeconds };
  }
  const password = attempt.password.length > longestPassword ? '' : attempt.password;
  const passwordMatches = await verifyPassword(officer?.passwordHash ?? null, password);
  if (!officer || !passwordMatches) {
    await event('login_failed', { reason: officer ? 'password' : 'unknown_account' });
    return { refused: 'invalid' };
  }
  if (officer.totpSecretEnc === null || officer.enrolledAt === null) {
    await event('login_failed', { reason: 'not_enrolled' });
    return { refused: 'not_enrolled' };
  }
  const step = matchTotpCode(ctx.cipher.decrypt(officer.totpSecretEnc), attempt.totpCode, now);
  if (step === null) {
    await event('login_failed', { reason: 'code' });
    return { refused: 'invalid' };
  }
  if (!officer.active) {
    await event('login_failed', { reason: 'inactive' });
    return { refused: 'inactive' };
  }
  if (!(await consumeTotpStep(ctx.pool, officer.id, step))) {
    await event('login_failed', { reason: 'code_reused' });
    return { refused: 'invalid' };
  }
  await forgiveLoginAttempt(ctx, keys);
  await event('login_succeeded');
  const { id, displayName, role, unitId } = officer;
  return { ok: { id, username: officer.username, displayName, role, unitId } };
}

async function readLoginRow(ctx: AccountsContext, username: string): Promise<LoginRow | null> {
  const { rows } = await ctx.pool.query<LoginRow>({
    name: 'accounts-read-login-row',
    text: `SELECT id, username, display_name AS "displayName", role, unit_id AS "unitId",
                  password_hash AS "passwordHash", totp_secret_enc AS "totpSecretEnc",
                  enrolled_at AS "enrolledAt", active
             FROM officer WHERE username = $1`,
    values: [username],
  });
  return rows[0] ?? null;
}
