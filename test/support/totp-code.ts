import { Secret, TOTP } from 'otpauth';

/** The 6-digit code an authenticator app shows for `secret` in the 30-second step `step`. */
export function totpCodeFor(secret: string, step: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: step * 30_000,
  });
}
