import type { FastifyInstance, FastifyReply } from 'fastify';
import { html } from '../../platform/http/html.ts';
import { formatDateTime } from '../../platform/text/format-date.ts';
import type { Language } from '../../platform/vocabulary/language.ts';
import type { OpenSession } from '../accounts/read-session.ts';
import { issueTelegramLinkCode } from '../alerts/telegram-link-code.ts';
import { unlinkOfficerTelegram } from '../alerts/unlink-officer-telegram.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { requestLanguage } from './console-http.ts';
import { sendConsolePage, sendForbiddenPage } from './console-layout.ts';
import { consoleSession } from './console-session.ts';
import { consoleText } from './console-text.ts';

/**
 * An officer's Telegram alerts: whether a Telegram account is linked, a one-time code to link one
 * (sent to the bot as `/link CODE`), and unlinking (also for a lost phone). Admins have no unit and
 * take no alerts; they unlink other accounts from the accounts page.
 */
export function registerConsoleTelegram(scope: FastifyInstance, deps: ConsoleDeps): void {
  const show = async (
    reply: FastifyReply,
    language: Language,
    session: OpenSession,
    code: { code: string; expiresAt: Date } | null,
  ) => {
    const t = (key: string, params?: Record<string, string | number>) => consoleText(language, key, params);
    const { rows } = await deps.pool.query<{ linked_at: Date }>(
      'SELECT linked_at FROM officer_telegram_link WHERE officer_id = $1',
      [session.user.officerId],
    );
    const linkedAt = rows[0]?.linked_at ?? null;
    const csrf = html`<input type="hidden" name="_csrf" value="${session.csrfToken}">`;
    const body = html`<h1>${t('telegram_heading')}</h1><p>${t('telegram_intro')}</p>
      ${
        deps.alertsBot === null
          ? html`<p class="flash error">${t('telegram_unavailable')}</p>`
          : html`<div class="card">
        <p>${linkedAt ? t('telegram_linked_since', { at: formatDateTime(linkedAt, language) }) : t('telegram_not_linked')}</p>
        ${
          code
            ? html`<p>${t('telegram_code_instructions', { at: formatDateTime(code.expiresAt, language) })}</p>
              <p class="code"><code>/link ${code.code}</code></p>`
            : html`<form method="post" action="/console/telegram/code">${csrf}<button type="submit">${t('telegram_get_code')}</button></form>`
        }
        ${
          linkedAt
            ? html`<form method="post" action="/console/telegram/unlink">${csrf}<button type="submit">${t('telegram_unlink')}</button></form>
              <p class="muted">${t('telegram_lost_phone')}</p>`
            : ''
        }</div>`
      }`;
    return sendConsolePage(reply, 200, {
      language,
      title: t('telegram_heading'),
      body,
      user: session.user,
      csrf: session.csrfToken,
      demo: deps.demo,
      path: '/console/telegram',
    });
  };
  const forbidden = (reply: FastifyReply, language: Language, session: OpenSession) =>
    sendForbiddenPage(reply, { language, user: session.user, csrf: session.csrfToken, demo: deps.demo });

  scope.get('/console/telegram', async (request, reply) => {
    const session = await consoleSession(deps, request, reply);
    if (!session) return reply;
    const language = requestLanguage(request);
    if (session.user.role === 'admin') return forbidden(reply, language, session);
    return show(reply, language, session, null);
  });

  scope.post('/console/telegram/code', async (request, reply) => {
    const session = await consoleSession(deps, request, reply);
    if (!session) return reply;
    const language = requestLanguage(request);
    if (session.user.role === 'admin' || deps.alertsBot === null) return forbidden(reply, language, session);
    // The code is shown on this answer only (POST, no-store): reloading the page does not repeat it.
    return show(reply, language, session, await issueTelegramLinkCode(deps.pool, session.user, new Date()));
  });

  scope.post('/console/telegram/unlink', async (request, reply) => {
    const session = await consoleSession(deps, request, reply);
    if (!session) return reply;
    if (session.user.role === 'admin') return forbidden(reply, requestLanguage(request), session);
    await unlinkOfficerTelegram(deps.pool, session.user, session.user.officerId, new Date());
    return reply.redirect('/console/telegram', 303);
  });
}
