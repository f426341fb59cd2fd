import { html, type SafeHtml } from '../../platform/http/html.ts';
import { formatDateTime } from '../../platform/text/format-date.ts';
import type { Language } from '../../platform/vocabulary/language.ts';
import { vksNoticeKinds, vksNoticeMethods } from '../notices/vks-notice-kinds.ts';
import type { CaseView } from '../reports/read-case.ts';
import { consoleText } from './console-text.ts';
import { formatTimeLeft } from './format-time-left.ts';

/**
 * A report's notices: the procuracy's due items (overdue ones red) and those recorded sent, the
 * form that records one sent, and what the reporter was sent or shown.
 */
export function renderNoticeSection(input: {
  language: Language;
  report: CaseView;
  csrf: SafeHtml;
  canRecord: boolean;
  now: Date;
}): SafeHtml {
  const { language, report } = input;
  const t = (key: string, params?: Record<string, string | number>) => consoleText(language, key, params);
  const at = (date: Date) => formatDateTime(date, language);
  const vks = report.notices.filter((n) => n.recipient === 'vks');
  const toReporter = report.notices.filter((n) => n.recipient === 'reporter');

  const vksState = (n: CaseView['notices'][number]) => {
    if (n.sentAt)
      return html`<td>${t('notice_sent', { at: at(n.sentAt), reference: n.reference ?? '', method: t(`vks_method_${n.channel}`) })}</td>`;
    if (n.lapsedAt) return html`<td class="muted">${t('notice_lapsed')}</td>`;
    const left = formatTimeLeft(n.dueAt, input.now, language);
    return html`<td class="${left.state}">${left.state === 'overdue' ? html`<strong>${t('notice_overdue')}</strong> · ` : ''}${left.text}</td>`;
  };
  const vksRows = vks.map(
    (n) => html`<tr><th scope="row">${t(`vks_kind_${n.kind}`)}</th>
      <td>${n.dueAt ? at(n.dueAt) : t('due_none')}</td>${vksState(n)}</tr>`,
  );
  const reporterState = (n: CaseView['notices'][number]) =>
    n.sentAt
      ? t('notice_delivered', { channel: t(`channel_${n.channel}`), at: at(n.sentAt) })
      : n.shownAt
        ? t('notice_shown', { at: at(n.shownAt) })
        : t('notice_waiting');
  const reporterRows = toReporter.map(
    (n) =>
      html`<li><strong>${t(`reporter_kind_${n.kind}`)}</strong> · ${at(n.createdAt)}<br><span class="muted">${reporterState(n)}</span></li>`,
  );
  // The form's local time is Vietnam's; the server adds the offset.
  const form = input.canRecord
    ? html`<details><summary>${t('notice_record_heading')}</summary>
        <form method="post" action="/console/reports/${report.id}/vks-notices">${input.csrf}
          <label for="vks-kind">${t('field_kind')} *</label><select id="vks-kind" name="kind">${vksNoticeKinds.map(
            (k) => html`<option value="${k}">${t(`vks_kind_${k}`)}</option>`,
          )}</select>
          <label for="vks-sent-at">${t('field_sentAt')} *</label><input type="datetime-local" id="vks-sent-at" name="sentAt" required>
          <label for="vks-reference">${t('field_reference')} *</label><input type="text" id="vks-reference" name="reference" maxlength="100" required>
          <label for="vks-method">${t('field_method')} *</label><select id="vks-method" name="method">${vksNoticeMethods.map(
            (m) => html`<option value="${m}">${t(`vks_method_${m}`)}</option>`,
          )}</select>
          <button type="submit">${t('notice_record_submit')}</button></form></details>`
    : '';
  return html`<section><h2>${t('section_notices')}</h2>
    <h3>${t('notices_vks')}</h3>${
      vks.length ? html`<table>${vksRows}</table>` : html`<p class="muted">${t('no_entries')}</p>`
    }${form}
    <h3>${t('notices_reporter')}</h3>${
      toReporter.length
        ? html`<ol class="timeline">${reporterRows}</ol>`
        : html`<p class="muted">${t('no_entries')}</p>`
    }</section>`;
}
