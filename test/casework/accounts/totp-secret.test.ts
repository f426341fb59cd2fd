import { describe, expect, it } from 'vitest';
import { generateTotpSecret, totpQrSvg, totpUri } from '../../../src/casework/accounts/totp-secret.ts';

describe('TOTP secrets', () => {
  it('makes 20-byte secrets (32 base32 characters), a new one each time', () => {
    const secrets = new Set(Array.from({ length: 50 }, () => generateTotpSecret()));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('names the issuer Tin Báo and the account in the otpauth URI', () => {
    const secret = generateTotpSecret();
    const uri = new URL(totpUri(secret, 'lan.nguyen'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Tin Báo:lan.nguyen');
    expect(uri.searchParams.get('issuer')).toBe('Tin Báo');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
  });

  it('draws the QR code as a self-contained SVG: no link, script or outside resource', async () => {
    const svg = await totpQrSvg(totpUri(generateTotpSecret(), 'lan.nguyen'));
    expect(svg.trim()).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.*<\/svg>$/s);
    expect(svg).toContain('<path');
    expect(svg.replace('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/href|<script|url\(|https?:/i);
  });
});
