import { ReportStatus } from '../../platform/database/generated/prisma/enums.ts';
import { html, type SafeHtml } from '../../platform/http/html.ts';
import { formatDateTime } from '../../platform/text/format-date.ts';
import { translate } from '../../platform/text/translate.ts';
import type { Channel } from '../../platform/vocabulary/channel.ts';
import type { Language } from '../../platform/vocabulary/language.ts';
import { crimeCategories } from '../../platform/vocabulary/report-categories.ts';
import type { ConsoleUser } from '../access/console-user.ts';
import type { QueueFilter, QueuePage } from '../reports/read-unit-queue.ts';
import { consoleText } from './console-text.ts';
import { formatTimeLeft } from './format-time-left.ts';
import { encodeQueueCursor } from './queue-query.ts';

const statuses = Object.values(ReportStatus);
const channels: readonly Channel[] = ['telegram', 'zalo_oa', 'zalo_bot', 'web'];

/**
 * The unit's queue: filters, the table (a list of cards on a phone, overdue procuracy notices
 * marked), the next-page link, and for unit leads and supervisors the notice log's export.
 */
export function renderQueueBody(
  language: Language,
  page: QueuePage,
  filter: QueueFilter,
  user: Pick<ConsoleUser, 'officerId' | 'role'>,
  now: Date,
): SafeHtml {
  const officerId = user.officerId;
  const t = (key: string, params?: Record<string, string | number>) => consoleText(language, key, params);
  const option = (value: string, label: string, selected: boolean) =>
    html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
  const statusLabel = (status: string) => translate(language, { key: `report_status.${status}` });
  const categoryLabel = (category: string) =>
    (crimeCategories as readonly string[]).includes(category)
      ? translate(language, { key: `category.${category}` })
      : category;
  const filters = html`<form class="filters card" method="get" action="/console">
    <div><label for="f-status">${t('col_status')}</label><select id="f-status" name="status">
      ${option('', t('filter_open'), !filter.statuses?.length)}
      ${statuses.map((s) => option(s, statusLabel(s), filter.statuses?.[0] === s))}
    </select></div>
    <div><label for="f-kind">${t('col_kind')}</label><select id="f-kind" name="kind">
      ${option('', t('filter_any'), !filter.kind)}
      ${option('crime_tip', t('kind_crime_tip'), filter.kind === 'crime_tip')}
      ${option('trafficking', t('kind_trafficking'), filter.kind === 'trafficking')}
    </select></div>
    <div><label for="f-category">${t('col_category')}</label><select id="f-category" name="category">
      ${option('', t('filter_any'), !filter.category)}
      ${crimeCategories.map((c) => option(c, categoryLabel(c), filter.category === c))}
    </select></div>
    <div><label for="f-channel">${t('col_channel')}</label><select id="f-channel" name="channel">
      ${option('', t('filter_any'), !filter.channel)}
      ${channels.map((c) => option(c, t(`channel_${c}`), filter.channel === c))}
    </select></div>
    <div><label for="f-assignee">${t('col_assignee')}</label><select id="f-assignee" name="assignee">
      ${option('', t('filter_any'), !filter.assignee)}
      ${option('none', t('filter_unassigned'), filter.assignee === 'none')}
      ${option(officerId, t('filter_mine'), filter.assignee === officerId)}
    </select></div>
    <div><button type="submit">${t('filter')}</button></div>
  </form>`;
  const rows = page.rows.map((row) => {
    const due = formatTimeLeft(row.nextDueAt, now, language);
    return html`<tr>
      <td data-label="${t('col_register')}"><a href="/console/reports/${row.id}">${row.registerNumber}</a>${
        row.newInformationAt ? html` <span class="badge">${t('new_information')}</span>` : ''
      }${row.noticeOverdue ? html` <span class="badge overdue">${t('queue_notice_overdue')}</span>` : ''}</td>
      <td data-label="${t('col_priority')}" class="p${row.priority}">${t(`priority_${row.priority}`)}</td>
      <td data-label="${t('col_due')}" class="${due.state}">${due.text}</td>
      <td data-label="${t('col_status')}">${statusLabel(row.status)}</td>
      <td data-label="${t('col_kind')}">${t(`kind_${row.kind}`)} · ${categoryLabel(row.category)}</td>
      <td data-label="${t('col_channel')}">${t(`channel_${row.channel}`)}</td>
      <td data-label="${t('col_assignee')}">${row.assigneeName ?? html`<span class="muted">${t('unassigned')}</span>`}</td>
      <td data-label="${t('col_received')}">${formatDateTime(row.submittedAt, language)}</td>
    </tr>`;
  });
  const table = page.rows.length
    ? html`<table class="queue"><thead><tr>
        <th>${t('col_register')}</th><th>${t('col_priority')}</th><th>${t('col_due')}</th><th>${t('col_status')}</th>
        <th>${t('col_kind')}</th><th>${t('col_channel')}</th><th>${t('col_assignee')}</th><th>${t('col_received')}</th>
      </tr></thead><tbody>${rows}</tbody></table>`
    : html`<p class="card">${t('queue_empty')}</p>`;
  const params = (extra: Record<string, string>) => {
    const query = new URLSearchParams();
    if (filter.statuses?.[0]) query.set('status', filter.statuses[0]);
    if (filter.kind) query.set('kind', filter.kind);
    if (filter.category) query.set('category', filter.category);
    if (filter.channel) query.set('channel', filter.channel);
    if (filter.assignee) query.set('assignee', filter.assignee);
    for (const [k, v] of Object.entries(extra)) query.set(k, v);
    return `/console?${query}`;
  };
  const paging = html`<p>
    <a href="${params({})}">${t('queue_first')}</a>
    ${page.next ? html` · <a rel="next" href="${params({ after: encodeQueueCursor(page.next) })}">${t('queue_next')}</a>` : ''}
  </p>`;
  const exportForm =
    user.role === 'unit_lead' || user.role === 'supervisor'
      ? html`<form class="filters card" method="get" action="/console/notices.csv">
          <div><label for="log-from">${t('notice_log_from')}</label><input type="date" id="log-from" name="from" required></div>
          <div><label for="log-to">${t('notice_log_to')}</label><input type="date" id="log-to" name="to" required></div>
          <div><button type="submit">${t('notice_log_submit')}</button></div></form>`
      : '';
  return html`<h1>${t('queue_heading')}</h1>${filters}${table}${paging}${exportForm}`;
}
