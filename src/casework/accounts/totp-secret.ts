import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { toString as qrCode } from 'qrcode';

/** What every authenticator app reads: HMAC-SHA-1, 6 digits, 30-second steps (RFC 6238). */
export const totpParameters = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
const issuer = 'Tin Báo';

/** A new TOTP secret: 20 bytes (160 bits, RFC 4226's size) of the system's CSPRNG, in base32. */
export function generateTotpSecret(): string {
  return new Secret({ buffer: new Uint8Array(randomBytes(20)).buffer }).base32;
}

/** The `otpauth://totp/Tin%20B%C3%A1o:<username>?…` URI an authenticator app imports. */
export function totpUri(secret: string, username: string): string {
  return new TOTP({
    ...totpParameters,
    issuer,
    label: username,
    secret: Secret.fromBase32(secret),
  }).toString();
}

/**
 * The URI as a QR code in an SVG document, made here: the enrolment page needs no image service,
 * font or script from elsewhere (police networks are often air-gapped).
 */
export function totpQrSvg(uri: string): Promise<string> {
  return qrCode(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
