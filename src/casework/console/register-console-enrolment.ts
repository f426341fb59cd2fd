import type { FastifyInstance, FastifyReply } from 'fastify';
import { html, trustedHtml } from '../../platform/http/html.ts';
import type { Language } from '../../platform/vocabulary/language.ts';
import { completeEnrolment } from '../accounts/complete-enrolment.ts';
import { enrolmentPath } from '../accounts/enrolment-url.ts';
import { readInvitation } from '../accounts/read-invitation.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { formOf, requestLanguage } from './console-http.ts';
import { sendConsolePage } from './console-layout.ts';
import { consoleText } from './console-text.ts';

/**
 * The one-time enrolment page of an invitation: set a password and enrol TOTP (the QR code and the
 * key as text). The token in the address is the only credential, so the page is never cached and
 * sends no referrer; the form posts back to the same address.
 */
export function registerConsoleEnrolment(scope: FastifyInstance, deps: ConsoleDeps): void {
  const page = (
    reply: FastifyReply,
    language: Language,
    status: number,
    body: ReturnType<typeof html>,
    flash?: { kind: 'ok' | 'error'; text: string },
  ) =>
    sendConsolePage(reply, status, {
      language,
      title: consoleText(language, 'enrol_heading'),
      body,
      demo: deps.demo,
      path: '/console/login',
      flash,
    });

  const show = async (
    reply: FastifyReply,
    language: Language,
    token: string,
    flash?: { kind: 'ok' | 'error'; text: string },
  ) => {
    const t = (key: string, params?: Record<string, string | number>) => consoleText(language, key, params);
    const invitation = await readInvitation(deps.accounts, token);
    if (!('ok' in invitation))
      return page(
        reply,
        language,
        404,
        html`<h1>${t('enrol_heading')}</h1><p>${t('enrol_invalid_link')}</p>`,
      );
    const view = invitation.ok;
    return page(
      reply,
      language,
      flash ? 422 : 200,
      html`<form class="card login" method="post" action="${enrolmentPath}/${token}">
        <h1>${t('enrol_heading')}</h1>
        <p>${t('enrol_intro', { name: view.displayName })}</p>
        <p>${t('username')}: <strong>${view.username}</strong></p>
        <div class="qr">${trustedHtml(view.totpQrSvg)}</div>
        <p>${t('enrol_secret', { secret: '' })}<code class="secret">${view.totpSecret}</code></p>
        <label for="password">${t('password')}</label>
        <input type="password" id="password" name="password" autocomplete="new-password" required minlength="12" maxlength="128">
        <label for="totp">${t('totp_code')}</label>
        <input type="text" id="totp" name="totp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" required maxlength="6">
        <button type="submit">${t('enrol_submit')}</button>
      </form>`,
      flash,
    );
  };

  scope.get<{ Params: { token: string } }>(`${enrolmentPath}/:token`, async (request, reply) =>
    show(reply, requestLanguage(request), request.params.token),
  );

  scope.post<{ Params: { token: string } }>(`${enrolmentPath}/:token`, async (request, reply) => {
    const language = requestLanguage(request);
    const form = formOf(request);
    const result = await completeEnrolment(deps.accounts, {
      token: request.params.token,
      password: form.password ?? '',
      totpCode: form.totp ?? '',
      address: request.ip,
    });
    if ('ok' in result) return reply.redirect('/console/login?enrolled=1', 303);
    const t = (key: string) => consoleText(language, key);
    if (result.refused === 'unknown' || result.refused === 'expired')
      return page(
        reply,
        language,
        404,
        html`<h1>${t('enrol_heading')}</h1><p>${t('enrol_invalid_link')}</p>`,
      );
    const text =
      result.refused === 'password_policy'
        ? t(`password_${result.reason === 'same_as_username' ? 'is_username' : result.reason}`)
        : t('enrol_bad_code');
    return show(reply, language, request.params.token, { kind: 'error', text });
  });
}
