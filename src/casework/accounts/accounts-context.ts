import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import type { FieldCipher } from '../../platform/identity/field-cipher.ts';
import type { ConsoleUser } from '../access/console-user.ts';

/** Who is acting, as their session found them: admin-only operations check the role. */
export type AccountActor = Pick<ConsoleUser, 'officerId' | 'role'>;

/** How long a console session lives: idle since its last request, and at most from its login. */
export interface SessionLimits {
  idleSeconds: number;
  absoluteSeconds: number;
  /** `last_seen_at` is written at most this often, so a busy page is not a row update a request. */
  touchSeconds: number;
}

/** How login guessing is slowed (see `reserveLoginAttempt`). */
export interface ThrottlePolicy {
  /** Failures a key may have before each further try must wait. */
  freeFailures: number;
  maxWaitSeconds: number;
  /** A key with no failure for this long starts again from nothing. */
  forgetAfterSeconds: number;
}

/**
 * What every account operation needs: the database, the cipher that keeps TOTP secrets at rest
 * (the identity protection's), a clock (tests move it) and the limits.
 */
export interface AccountsContext {
  pool: PgPool;
  cipher: FieldCipher;
  clock: () => Date;
  sessions: SessionLimits;
  throttle: ThrottlePolicy;
}

export const defaultSessionLimits: SessionLimits = {
  idleSeconds: 30 * 60,
  absoluteSeconds: 12 * 3600,
  touchSeconds: 60,
};

export const defaultThrottlePolicy: ThrottlePolicy = {
  freeFailures: 5,
  maxWaitSeconds: 60,
  forgetAfterSeconds: 3600,
};

/**
 * The context with the default limits (idle 30 min, absolute 12 h; 5 free failures, waits up to
 * 60 s) unless given, and the system clock unless given.
 * @example const accounts = createAccountsContext({ pool, cipher: protection.cipher })
 */
export function createAccountsContext(parts: {
  pool: PgPool;
  cipher: FieldCipher;
  clock?: () => Date;
  sessions?: Partial<SessionLimits>;
  throttle?: Partial<ThrottlePolicy>;
}): AccountsContext {
  return {
    pool: parts.pool,
    cipher: parts.cipher,
    clock: parts.clock ?? (() => new Date()),
    sessions: { ...defaultSessionLimits, ...parts.sessions },
    throttle: { ...defaultThrottlePolicy, ...parts.throttle },
  };
}
