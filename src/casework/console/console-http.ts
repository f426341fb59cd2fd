import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Language } from '../../platform/vocabulary/language.ts';

/** The session cookie: host-only, HTTPS-only, never readable by script, never sent cross-site. */
export const sessionCookieName = '__Host-tinbao_console';
/** A random value a login form repeats, so another site cannot log a browser in (login CSRF). */
export const loginCookieName = '__Host-tinbao_login';
const languageCookieName = 'tinbao_lang';

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

/** A Set-Cookie value for a secret cookie; `maxAgeSeconds` 0 deletes it. */
export function secretCookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=Strict`;
}

export function languageCookie(language: Language): string {
  return `${languageCookieName}=${language}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

export function requestLanguage(request: FastifyRequest): Language {
  return readCookie(request, languageCookieName) === 'en' ? 'en' : 'vi';
}

/** Compares a form's token with the expected one in constant time. */
export function tokensMatch(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/**
 * The console's page headers: nothing from elsewhere and no script at all, forms only to this
 * site, no framing, no referrer, never cached (pages hold case content).
 */
export function consoleHeaders(reply: FastifyReply): FastifyReply {
  return reply.headers({
    'content-security-policy':
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'cache-control': 'no-store',
  });
}

/** Reads `application/x-www-form-urlencoded` bodies (up to 64 KiB) as a flat object of strings. */
export function registerFormParser(server: FastifyInstance): void {
  server.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => {
      const form: Record<string, string> = {};
      for (const [key, value] of new URLSearchParams(body as string)) form[key] = value;
      done(null, form);
    },
  );
}

/** The form body as strings (an absent or non-form body is empty). */
export function formOf(request: FastifyRequest): Record<string, string> {
  const body = request.body;
  return typeof body === 'object' && body !== null ? (body as Record<string, string>) : {};
}
