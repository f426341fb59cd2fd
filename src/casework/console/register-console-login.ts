import type { FastifyInstance } from 'fastify';
import { html } from '../../platform/http/html.ts';
import { authenticate } from '../accounts/authenticate.ts';
import { createSession } from '../accounts/create-session.ts';
import { endSession } from '../accounts/end-session.ts';
import { randomToken } from '../accounts/random-token.ts';
import type { ConsoleDeps } from './console-deps.ts';
import {
  consoleHeaders,
  formOf,
  languageCookie,
  loginCookieName,
  readCookie,
  requestLanguage,
  secretCookie,
  sessionCookieName,
  tokensMatch,
} from './console-http.ts';
import { renderConsolePage } from './console-layout.ts';
import { consoleSession } from './console-session.ts';
import { consoleText } from './console-text.ts';

/** Log in (password and TOTP code), log out, and the language switch. */
export function registerConsoleLogin(scope: FastifyInstance, deps: ConsoleDeps): void {
  const loginPage = (
    language: 'vi' | 'en',
    loginToken: string,
    flash?: { kind: 'ok' | 'error'; text: string },
  ) => {
    const t = (key: string) => consoleText(language, key);
    return renderConsolePage({
      language,
      title: t('login_heading'),
      demo: deps.demo,
      path: '/console/login',
      flash,
      body: html`<form class="card login" method="post" action="/console/login">
        <h1>${t('login_heading')}</h1>
        <input type="hidden" name="_login" value="${loginToken}">
        <label for="username">${t('username')}</label>
        <input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" required maxlength="64">
        <label for="password">${t('password')}</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required maxlength="1024">
        <label for="totp">${t('totp_code')}</label>
        <input type="text" id="totp" name="totp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" required maxlength="6">
        <button type="submit">${t('login_submit')}</button>
      </form>`,
    });
  };

  scope.get('/console/login', async (request, reply) => {
    const language = requestLanguage(request);
    const token = randomToken();
    const ended = (request.query as Record<string, string>).ended === '1';
    const flash = ended
      ? { kind: 'error' as const, text: consoleText(language, 'session_ended') }
      : undefined;
    return consoleHeaders(reply)
      .header('set-cookie', secretCookie(loginCookieName, token, 3600))
      .type('text/html; charset=utf-8')
      .send(loginPage(language, token, flash));
  });

  scope.post('/console/login', async (request, reply) => {
    const language = requestLanguage(request);
    const form = formOf(request);
    const again = (status: number, text: string) => {
      const token = randomToken();
      return consoleHeaders(reply)
        .code(status)
        .header('set-cookie', secretCookie(loginCookieName, token, 3600))
        .type('text/html; charset=utf-8')
        .send(loginPage(language, token, { kind: 'error', text }));
    };
    const expected = readCookie(request, loginCookieName);
    if (!expected || !tokensMatch(expected, form._login))
      return again(403, consoleText(language, 'csrf_failed'));
    const result = await authenticate(deps.accounts, {
      username: form.username ?? '',
      password: form.password ?? '',
      totpCode: form.totp ?? '',
      address: request.ip,
    });
    if ('refused' in result) {
      if (result.refused === 'throttled')
        return again(429, consoleText(language, 'login_throttled', { seconds: result.retryAfterSeconds }));
      return again(401, consoleText(language, `login_${result.refused}`));
    }
    const session = await createSession(deps.accounts, result.ok.id, {
      address: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    });
    const maxAge = Math.max(0, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000));
    return reply
      .header('set-cookie', [
        secretCookie(sessionCookieName, session.token, maxAge),
        secretCookie(loginCookieName, '', 0),
      ])
      .redirect(result.ok.role === 'admin' ? '/console/accounts' : '/console', 303);
  });

  scope.post('/console/logout', async (request, reply) => {
    const session = await consoleSession(deps, request, reply);
    if (!session) return reply;
    await endSession(deps.accounts, readCookie(request, sessionCookieName) ?? '', request.ip);
    return reply.header('set-cookie', secretCookie(sessionCookieName, '', 0)).redirect('/console/login', 303);
  });

  scope.get('/console/language', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const to = query.to === 'en' ? 'en' : 'vi';
    // Only a path of this console: never an open redirect.
    const back =
      typeof query.back === 'string' && /^\/console(\/[\w\-/.?=&%]*)?$/.test(query.back)
        ? query.back
        : '/console';
    return reply.header('set-cookie', languageCookie(to)).redirect(back, 303);
  });
}
