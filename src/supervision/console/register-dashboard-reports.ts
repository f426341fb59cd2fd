import type { FastifyInstance } from 'fastify';
import { sendConsolePage } from '../../casework/console/console-layout.ts';
import { consoleText } from '../../casework/console/console-text.ts';
import { html } from '../../platform/http/html.ts';
import { formatDateTime } from '../../platform/text/format-date.ts';
import { translate } from '../../platform/text/translate.ts';
import { durationFigureNames } from '../figures/duration-figures.ts';
import { rateFigureNames } from '../figures/rate-figures.ts';
import { type FigureList, readFigureReports } from '../figures/read-figure-reports.ts';
import { openDashboardRequest } from './dashboard-access.ts';
import type { DashboardDeps } from './dashboard-deps.ts';
import { dashboardSearch } from './dashboard-query.ts';
import { periodText } from './render-dashboard-page.ts';

/** The list a `figure` and `side` name, or null for names no figure has. */
function figureList(figure: unknown, side: unknown): FigureList | null {
  const rate = rateFigureNames.find((n) => n === figure);
  if (rate && (side === 'numerator' || side === 'denominator')) return { figure: rate, side };
  const duration = durationFigureNames.find((n) => n === figure);
  if (duration && side === 'population') return { figure: duration, side };
  return null;
}

/**
 * GET /console/dashboard/reports: the reports one side of a figure counts, 100 a page by id. A
 * register number links to the report only when the user reads its unit (the report page checks
 * again); the list itself shows no tip text and no reporter.
 */
export function registerDashboardReports(scope: FastifyInstance, deps: DashboardDeps): void {
  scope.get('/console/dashboard/reports', async (request, reply) => {
    const opened = await openDashboardRequest(deps, request, reply, '/console/dashboard');
    if (!opened) return reply;
    const { session, user, language, query } = opened;
    const t = (key: string, params?: Record<string, string | number>) => consoleText(language, key, params);
    const asked = request.query as { figure?: unknown; side?: unknown; after?: unknown };
    const list = figureList(asked.figure, asked.side);
    const page = { language, user, csrf: session.csrfToken, demo: deps.demo };
    if (!list) {
      const title = t('dashboard_invalid');
      return sendConsolePage(reply, 400, {
        ...page,
        title,
        body: html`<h1>${title}</h1>`,
        path: '/console/dashboard',
      });
    }
    const after = typeof asked.after === 'string' ? asked.after : undefined;
    const found = await readFigureReports(deps.pool, opened.scope, list, { after }, opened.now);
    const names = await deps.pool.query<{ id: string; name: string }>(
      'SELECT id, name FROM police_unit WHERE id = ANY($1::text[])',
      [[...new Set(found.reports.map((r) => r.unitId ?? ''))]],
    );
    const unitName = new Map(names.rows.map((u) => [u.id, u.name]));
    const when = (at: Date | null) => (at ? formatDateTime(at, language) : '');
    const rows = found.reports.map(
      (r) => html`<tr data-report="${r.id}">
        <td data-label="${t('col_register')}">${
          r.unitId !== null && user.units.includes(r.unitId)
            ? html`<a href="/console/reports/${r.id}">${r.registerNumber}</a>`
            : r.registerNumber
        }</td>
        <td data-label="${t('dashboard_unit')}">${unitName.get(r.unitId ?? '') ?? r.unitId ?? ''}</td>
        <td data-label="${t('dashboard_category')}">${r.category === 'trafficking' ? t('kind_trafficking') : translate(language, { key: `category.${r.category}` })}</td>
        <td data-label="${t('col_status')}">${translate(language, { key: `report_status.${r.status}` })}</td>
        <td data-label="${t('dashboard_submitted')}">${when(r.submittedAt)}</td>
        <td data-label="${t('dashboard_accepted')}">${when(r.acceptedAt)}</td>
        <td data-label="${t('dashboard_decided')}">${when(r.decidedAt)}</td>
      </tr>`,
    );
    const back = `/console/dashboard?${dashboardSearch(query)}`;
    const next = found.next
      ? html`<p><a rel="next" href="/console/dashboard/reports?${dashboardSearch(query, { figure: list.figure, side: list.side, after: found.next })}">${t('dashboard_next_page')}</a></p>`
      : '';
    const title = `${t(`dashboard_figure_${list.figure}`)} · ${t(`dashboard_side_${list.side}`)}`;
    const body = html`<h1>${title}</h1>
      <p class="muted">${periodText(opened.scope, language)} · <a href="${back}">${t('dashboard_back')}</a></p>
      ${
        rows.length === 0
          ? html`<p>${t('dashboard_no_reports')}</p>`
          : html`<table class="queue"><thead><tr><th>${t('col_register')}</th><th>${t('dashboard_unit')}</th><th>${t('dashboard_category')}</th><th>${t('col_status')}</th><th>${t('dashboard_submitted')}</th><th>${t('dashboard_accepted')}</th><th>${t('dashboard_decided')}</th></tr></thead><tbody>${rows}</tbody></table>`
      }
      ${next}`;
    return sendConsolePage(reply, 200, { ...page, title, body, path: back });
  });
}
