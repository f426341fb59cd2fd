import type { FastifyInstance, FastifyReply } from 'fastify';
import { isUuid } from '../../platform/database/is-uuid.ts';
import { html } from '../../platform/http/html.ts';
import { formatDateTime } from '../../platform/text/format-date.ts';
import type { Language } from '../../platform/vocabulary/language.ts';
import type { OfficerRole } from '../access/console-user.ts';
import { deactivateOfficer } from '../accounts/deactivate-officer.ts';
import { enrolmentUrl } from '../accounts/enrolment-url.ts';
import { inviteOfficer } from '../accounts/invite-officer.ts';
import { listOfficers } from '../accounts/list-officers.ts';
import { reactivateOfficer } from '../accounts/reactivate-officer.ts';
import type { OpenSession } from '../accounts/read-session.ts';
import { unlinkOfficerTelegram } from '../alerts/unlink-officer-telegram.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { formOf, requestLanguage } from './console-http.ts';
import { sendConsolePage, sendForbiddenPage } from './console-layout.ts';
import { consoleSession } from './console-session.ts';
import { consoleText } from './console-text.ts';

const roles: readonly OfficerRole[] = ['officer', 'unit_lead', 'supervisor', 'admin'];

/** The admin's page: the accounts (no case content), invitations, deactivation and reactivation. */
export function registerConsoleAccounts(scope: FastifyInstance, deps: ConsoleDeps): void {
  const show = async (
    reply: FastifyReply,
    language: Language,
    session: OpenSession,
    status: number,
    flash?: { kind: 'ok' | 'error'; text: string },
  ) => {
    const t = (key: string, params?: Record<string, string | number>) => consoleText(language, key, params);
    const officers = await listOfficers(deps.accounts, session.user, { limit: 500 });
    if (officers === null) return forbidden(reply, language, session);
    const csrf = html`<input type="hidden" name="_csrf" value="${session.csrfToken}">`;
    const rows = officers.map(
      (o) => html`<tr>
        <td>${o.displayName}<br><span class="muted">${o.username}</span></td>
        <td>${t(`role_${o.role}`)}</td><td>${o.unitName ?? ''}</td>
        <td>${t(o.state === 'active' ? 'account_active' : o.state === 'inactive' ? 'account_inactive' : `account_${o.state}`)}
          <br><span class="muted">${t('account_sessions', { count: o.openSessions })} · ${formatDateTime(o.createdAt, language)}</span></td>
        <td>${
          o.id === session.user.officerId
            ? ''
            : html`<form method="post" action="/console/accounts/${o.id}/${o.state === 'inactive' ? 'reactivate' : 'deactivate'}">${csrf}
                <button type="submit">${t(o.state === 'inactive' ? 'reactivate' : 'deactivate')}</button></form>`
        }${
          o.telegramLinked
            ? html`<form method="post" action="/console/accounts/${o.id}/unlink_telegram">${csrf}
                <button type="submit">${t('accounts_telegram_unlink')}</button></form>`
            : ''
        }</td></tr>`,
    );
    const body = html`<h1>${t('accounts_heading')}</h1>
      <form class="card" method="post" action="/console/accounts/invite">${csrf}<h2>${t('invite_heading')}</h2>
        <label for="i-username">${t('username')}</label><input type="text" id="i-username" name="username" required maxlength="64">
        <label for="i-name">${t('display_name')}</label><input type="text" id="i-name" name="displayName" required maxlength="120">
        <label for="i-role">${t('role')}</label><select id="i-role" name="role">${roles.map((r) => html`<option value="${r}">${t(`role_${r}`)}</option>`)}</select>
        <label for="i-unit">${t('unit')}</label><input type="text" id="i-unit" name="unitId" maxlength="20" placeholder="PROV-01, COMM-00004">
        <button type="submit">${t('invite_submit')}</button></form>
      <table>${rows}</table>`;
    return sendConsolePage(reply, status, {
      language,
      title: t('accounts_heading'),
      body,
      user: session.user,
      csrf: session.csrfToken,
      demo: deps.demo,
      path: '/console/accounts',
      flash,
    });
  };

  const forbidden = (reply: FastifyReply, language: Language, session: OpenSession) =>
    sendForbiddenPage(reply, { language, user: session.user, csrf: session.csrfToken, demo: deps.demo });

  scope.get('/console/accounts', async (request, reply) => {
    const session = await consoleSession(deps, request, reply);
    if (!session) return reply;
    return show(reply, requestLanguage(request), session, 200);
  });

  scope.post('/console/accounts/invite', async (request, reply) => {
    const session = await consoleSession(deps, request, reply);
    if (!session) return reply;
    const language = requestLanguage(request);
    const form = formOf(request);
    const role = roles.find((r) => r === form.role) ?? 'officer';
    const result = await inviteOfficer(deps.accounts, session.user, {
      username: form.username ?? '',
      displayName: form.displayName ?? '',
      role,
      unitId: role === 'admin' ? null : form.unitId?.trim() || null,
    });
    if ('refused' in result) {
      if (result.refused === 'forbidden') return forbidden(reply, language, session);
      return show(reply, language, session, 422, {
        kind: 'error',
        text: consoleText(language, 'invite_refused', { reason: result.refused }),
      });
    }
    const url = enrolmentUrl(deps.publicBaseUrl, result.ok.enrolmentToken);
    return show(reply, language, session, 200, {
      kind: 'ok',
      text: consoleText(language, 'invite_link', { url }),
    });
  });

  scope.post<{ Params: { id: string; change: string } }>(
    '/console/accounts/:id/:change',
    async (request, reply) => {
      const session = await consoleSession(deps, request, reply);
      if (!session) return reply;
      const language = requestLanguage(request);
      const { id, change } = request.params;
      if (change !== 'deactivate' && change !== 'reactivate' && change !== 'unlink_telegram')
        return forbidden(reply, language, session);
      // Not an account id at all: nothing to change (the database would refuse the value).
      if (!isUuid(id))
        return session.user.role === 'admin'
          ? reply.redirect('/console/accounts', 303)
          : forbidden(reply, language, session);
      if (change === 'unlink_telegram') {
        if (session.user.role !== 'admin') return forbidden(reply, language, session);
        await unlinkOfficerTelegram(deps.pool, session.user, id, new Date());
        return reply.redirect('/console/accounts', 303);
      }
      const result =
        change === 'deactivate'
          ? await deactivateOfficer(deps.accounts, session.user, id)
          : await reactivateOfficer(deps.accounts, session.user, id);
      if ('refused' in result && result.refused === 'forbidden') return forbidden(reply, language, session);
      return reply.redirect('/console/accounts', 303);
    },
  );
}
