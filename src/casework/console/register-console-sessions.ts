import type { FastifyInstance } from 'fastify';
import { html } from '../../platform/http/html.ts';
import { formatDateTime } from '../../platform/text/format-date.ts';
import { endOwnSession } from '../accounts/end-session.ts';
import { listSessions } from '../accounts/list-sessions.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { formOf, requestLanguage } from './console-http.ts';
import { sendConsolePage } from './console-layout.ts';
import { consoleSession } from './console-session.ts';
import { consoleText } from './console-text.ts';

/** A user's own sessions: where and since when, and a button to end any of them. */
export function registerConsoleSessions(scope: FastifyInstance, deps: ConsoleDeps): void {
  scope.get('/console/sessions', async (request, reply) => {
    const session = await consoleSession(deps, request, reply);
    if (!session) return reply;
    const language = requestLanguage(request);
    const t = (key: string, params?: Record<string, string | number>) => consoleText(language, key, params);
    const sessions = (await listSessions(deps.accounts, session.user, session.user.officerId)) ?? [];
    const rows = sessions.map(
      (s) => html`<tr>
        <td>${t('session_started', { at: formatDateTime(s.createdAt, language) })}<br>
          <span class="muted">${t('session_last_seen', { at: formatDateTime(s.lastSeenAt, language) })}</span></td>
        <td>${s.address ?? ''}<br><span class="muted">${s.userAgent ?? ''}</span></td>
        <td>${
          s.current
            ? t('session_current')
            : html`<form method="post" action="/console/sessions/end"><input type="hidden" name="_csrf" value="${session.csrfToken}">
              <input type="hidden" name="handle" value="${s.handle}"><button type="submit">${t('session_end')}</button></form>`
        }</td></tr>`,
    );
    const body = html`<h1>${t('sessions_heading')}</h1><table>${rows}</table>`;
    return sendConsolePage(reply, 200, {
      language,
      title: t('sessions_heading'),
      body,
      user: session.user,
      csrf: session.csrfToken,
      demo: deps.demo,
      path: '/console/sessions',
    });
  });

  scope.post('/console/sessions/end', async (request, reply) => {
    const session = await consoleSession(deps, request, reply);
    if (!session) return reply;
    await endOwnSession(deps.accounts, session.user, formOf(request).handle ?? '');
    return reply.redirect('/console/sessions', 303);
  });
}
