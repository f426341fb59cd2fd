import type { FastifyInstance } from 'fastify';
import { html } from '../../platform/http/html.ts';
import { formatDateTime } from '../../platform/text/format-date.ts';
import { describeAlert } from '../alerts/describe-alert.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { requestLanguage } from './console-http.ts';
import { sendConsolePage } from './console-layout.ts';
import { consoleSession } from './console-session.ts';
import { consoleText } from './console-text.ts';

interface AlertRow {
  id: string;
  kind: string;
  occurrence: Date;
  created_at: Date;
  seen_at: Date | null;
  status: string | null;
  report_id: string;
  register_number: string;
}

/**
 * The user's alerts of the last 30 days, newest first: urgent reports, new information, the
 * reminders, warnings and escalations of legal limits, each with its report, when it fell, and
 * whether it also went to Telegram. Listing them marks them seen. Admins have none.
 */
export function registerConsoleAlerts(scope: FastifyInstance, deps: ConsoleDeps): void {
  scope.get('/console/alerts', async (request, reply) => {
    const session = await consoleSession(deps, request, reply);
    if (!session) return reply;
    const language = requestLanguage(request);
    const t = (key: string, params?: Record<string, string | number>) => consoleText(language, key, params);
    const { rows } = await deps.pool.query<AlertRow>(
      `SELECT a.id, a.kind, a.occurrence, a.created_at, a.seen_at, a.status, a.report_id, r.register_number
         FROM officer_alert a JOIN report r ON r.id = a.report_id
        WHERE a.officer_id = $1 AND a.created_at > now() - interval '30 days' AND r.unit_id = ANY($2::text[])
        ORDER BY a.created_at DESC, a.id DESC LIMIT 200`,
      [session.user.officerId, session.user.units],
    );
    const unseen = rows.filter((r) => r.seen_at === null).map((r) => r.id);
    if (unseen.length > 0)
      await deps.pool.query(
        'UPDATE officer_alert SET seen_at = now() WHERE id = ANY($1::bigint[]) AND seen_at IS NULL',
        [unseen],
      );
    const items = rows.map(
      (a) => html`<tr>
        <td><a href="/console/reports/${a.report_id}">${describeAlert(a.kind, a.register_number, language)}</a>
          ${a.seen_at === null ? html` <strong>${t('alerts_new')}</strong>` : ''}</td>
        <td>${formatDateTime(a.occurrence, language)}${a.status === 'sent' ? html`<br><span class="muted">${t('alerts_pushed')}</span>` : ''}</td>
      </tr>`,
    );
    const body = html`<h1>${t('alerts_heading')}</h1>${
      rows.length === 0 ? html`<p>${t('alerts_none')}</p>` : html`<table>${items}</table>`
    }`;
    return sendConsolePage(reply, 200, {
      language,
      title: t('alerts_heading'),
      body,
      user: session.user,
      csrf: session.csrfToken,
      demo: deps.demo,
      path: '/console/alerts',
    });
  });
}
