import type { FastifyInstance } from 'fastify';
import type { ConsoleDeps } from '../../casework/console/console-deps.ts';
import { formOf, registerFormParser, requestLanguage } from '../../casework/console/console-http.ts';
import { sendConsolePage, sendForbiddenPage } from '../../casework/console/console-layout.ts';
import { consoleSession } from '../../casework/console/console-session.ts';
import { consoleText } from '../../casework/console/console-text.ts';
import { html } from '../../platform/http/html.ts';
import { formatDateTime } from '../../platform/text/format-date.ts';
import { type FigurePeriod, monthPeriod, quarterPeriod, yearPeriod } from '../figures/figure-period.ts';
import { closePeriod } from '../periods/close-period.ts';
import { readPeriodCorrections } from '../periods/read-period-corrections.ts';
import {
  type PeriodSnapshot,
  readPeriodSnapshot,
  readPeriodSnapshots,
} from '../periods/read-period-snapshots.ts';
import { formatRate } from './figure-format.ts';
import { supervisionReader } from './supervision-reader.ts';

/** The period a close form names: a month, a quarter or a year of Vietnam time; null when invalid. */
function periodOf(form: Record<string, string>): FigurePeriod | null {
  try {
    const year = Number(form.year);
    if (form.kind === 'year') return yearPeriod(year);
    if (form.kind === 'quarter') return quarterPeriod(year, Number(form.number));
    return monthPeriod(year, Number(form.number));
  } catch {
    return null;
  }
}

/**
 * GET /console/periods: the closed periods of the reader's units (supervisors and unit leads), each
 * with its frozen headline figures, who closed it and when, and its hash; supervisors close a
 * period there (POST /console/periods/close). GET /console/periods/:id: one snapshot with every
 * list's count and SHA-256, and the corrections since it closed (recounted live, never written
 * into the snapshot).
 */
export function registerPeriodPages(server: FastifyInstance, deps: ConsoleDeps): void {
  // Its own plugin scope with the console's form parser (the console registers it in its scope only).
  void server.register(async (scope) => {
    registerFormParser(scope);
    const show = async (
      request: Parameters<typeof consoleSession>[1],
      reply: Parameters<typeof consoleSession>[2],
      status: number,
      flash?: { kind: 'ok' | 'error'; text: string },
    ) => {
      const reader = await supervisionReader(deps, request, reply);
      if (!reader) return reply;
      const { session, language, t } = reader;
      const { user } = session;
      const snapshots = await readPeriodSnapshots(deps.pool, user.units);
      const rows = snapshots.map((s: PeriodSnapshot) => {
        const strict = s.figures.rates.resolution_rate;
        return html`<tr><td><a href="/console/periods/${s.id}">${s.unitName}</a></td>
        <td>${formatDateTime(new Date(s.from), language)} – ${formatDateTime(new Date(s.to), language)}</td>
        <td>${formatRate(strict.rate, language)} (${strict.numerator}/${strict.denominator})</td>
        <td>${s.closedBy}<br><span class="muted">${formatDateTime(new Date(s.closedAt), language)}</span></td>
        <td><code>${s.hash.slice(0, 16)}…</code></td></tr>`;
      });
      const now = new Date();
      const csrf = html`<input type="hidden" name="_csrf" value="${session.csrfToken}">`;
      const form =
        user.role === 'supervisor'
          ? html`<form class="card" method="post" action="/console/periods/close">${csrf}<h2>${t('periods_close_heading')}</h2>
          <label for="p-unit">${t('unit')}</label><input type="text" id="p-unit" name="unit" value="${user.unitId ?? ''}" maxlength="20" required>
          <label for="p-kind">${t('periods_kind')}</label><select id="p-kind" name="kind">
            <option value="month">${t('periods_month')}</option><option value="quarter">${t('periods_quarter')}</option><option value="year">${t('periods_year')}</option></select>
          <label for="p-year">${t('periods_year')}</label><input type="number" id="p-year" name="year" value="${now.getUTCFullYear()}" min="2000" max="2100" required>
          <label for="p-number">${t('periods_number')}</label><input type="number" id="p-number" name="number" value="${now.getUTCMonth() || 12}" min="1" max="12">
          <p class="muted">${t('periods_close_note')}</p><button type="submit">${t('periods_close_submit')}</button></form>`
          : '';
      const body = html`<h1>${t('periods_heading')}</h1>${form}${
        snapshots.length === 0
          ? html`<p>${t('periods_none')}</p>`
          : html`<table><thead><tr><th>${t('unit')}</th><th>${t('periods_period')}</th><th>${t('periods_resolution')}</th>
          <th>${t('periods_closed_by')}</th><th>${t('periods_hash')}</th></tr></thead><tbody>${rows}</tbody></table>`
      }`;
      return sendConsolePage(reply, status, {
        language,
        title: t('periods_heading'),
        body,
        user,
        csrf: session.csrfToken,
        demo: deps.demo,
        path: '/console/periods',
        flash,
      });
    };

    scope.get('/console/periods', async (request, reply) => show(request, reply, 200));

    scope.post('/console/periods/close', async (request, reply) => {
      const session = await consoleSession(deps, request, reply);
      if (!session) return reply;
      const language = requestLanguage(request);
      const form = formOf(request);
      const period = periodOf(form);
      if (session.user.role !== 'supervisor')
        return sendForbiddenPage(reply, {
          language,
          user: session.user,
          csrf: session.csrfToken,
          demo: deps.demo,
        });
      if (!period)
        return show(request, reply, 422, { kind: 'error', text: consoleText(language, 'periods_invalid') });
      const result = await closePeriod(deps.pool, session.user, (form.unit ?? '').trim(), period);
      if ('refused' in result) {
        if (result.refused === 'forbidden') return reply.callNotFound();
        return show(request, reply, 409, {
          kind: 'error',
          text: consoleText(language, `periods_refused_${result.refused}`),
        });
      }
      return reply.redirect(`/console/periods/${result.closed.snapshotId}`, 303);
    });

    scope.get<{ Params: { id: string } }>('/console/periods/:id', async (request, reply) => {
      const reader = await supervisionReader(deps, request, reply);
      if (!reader) return reply;
      const { session, language, t } = reader;
      const { user } = session;
      const snapshot = await readPeriodSnapshot(deps.pool, user.units, request.params.id);
      if (!snapshot) return reply.callNotFound();
      const corrections = await readPeriodCorrections(deps.pool, snapshot);
      const lists = Object.entries(snapshot.listHashes).map(
        ([name, list]) =>
          html`<tr><td>${name}</td><td>${list.count}</td><td><code>${list.sha256}</code></td></tr>`,
      );
      const changed = corrections.reports.map(
        (c) =>
          html`<tr><td>${c.registerNumber}</td><td>${c.kind}</td><td>${formatDateTime(c.at, language)}</td></tr>`,
      );
      const body = html`<h1>${t('periods_snapshot_heading', { unit: snapshot.unitName })}</h1>
      <p>${t('periods_closed_line', { by: snapshot.closedBy, at: formatDateTime(new Date(snapshot.closedAt), language) })}</p>
      <p>${t('periods_hash')}: <code>${snapshot.hash}</code></p>
      <h2>${t('periods_lists')}</h2><table><tbody>${lists}</tbody></table>
      <h2>${t('periods_corrections')}</h2>${
        corrections.lists.length === 0 && changed.length === 0
          ? html`<p>${t('periods_no_corrections')}</p>`
          : html`<p>${t('periods_corrections_intro', { lists: corrections.lists.map((l) => `${l.name} ${l.frozen} → ${l.now}`).join(', ') || '–' })}</p>
            <table><tbody>${changed}</tbody></table>`
      }`;
      return sendConsolePage(reply, 200, {
        language,
        title: t('periods_heading'),
        body,
        user,
        csrf: session.csrfToken,
        demo: deps.demo,
        path: `/console/periods/${snapshot.id}`,
      });
    });
  });
}
