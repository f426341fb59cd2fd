import { Secret, TOTP } from 'otpauth';
import { totpParameters } from './totp-secret.ts';

/**
 * The time step of `code` for `secret` at `now`, looking one step either side (a phone's clock a
 * little off, a code typed as it changed), or null when it matches none of them or is not six
 * digits. It says nothing about reuse: `consumeTotpStep` makes a step usable once.
 * Example: a code shown 30 s ago → the current step − 1.
 */
export function matchTotpCode(secret: string, code: string, now: Date): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const key = Secret.fromBase32(secret);
  const timestamp = now.getTime();
  const delta = TOTP.validate({ ...totpParameters, token, secret: key, timestamp, window: 1 });
  if (delta === null) return null;
  return TOTP.counter({ period: totpParameters.period, timestamp }) + delta;
}
