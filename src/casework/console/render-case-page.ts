import { html, type SafeHtml } from '../../platform/http/html.ts';
import { formatDateTime } from '../../platform/text/format-date.ts';
import { hasText, translate } from '../../platform/text/translate.ts';
import type { Language } from '../../platform/vocabulary/language.ts';
import { renderEvidenceList } from '../evidence/render-evidence-list.ts';
import type { CaseView } from '../reports/read-case.ts';
import type { CaseActionType } from '../status/case-action-schemas.ts';
import { type ActionField, actionForms } from './case-action-forms.ts';
import { consoleText } from './console-text.ts';
import { formatTimeLeft } from './format-time-left.ts';
import { renderNoticeSection } from './render-notice-section.ts';

export interface CasePageInput {
  language: Language;
  report: CaseView;
  actions: readonly CaseActionType[];
  /** Officers of the unit an assignment may name. */
  officers: readonly { id: string; displayName: string }[];
  officerId: string;
  canNote: boolean;
  canReveal: boolean;
  revealedPhone?: string | undefined;
  csrf: string;
  now: Date;
}

/** A report's page: what was reported, its limits, the actions the user may take, its timeline. */
export function renderCaseBody(input: CasePageInput): SafeHtml {
  const { language, report } = input;
  const t = (key: string, params?: Record<string, string | number>) => consoleText(language, key, params);
  const label = (key: string) => (hasText(key) ? translate(language, { key }) : null);
  const csrf = html`<input type="hidden" name="_csrf" value="${input.csrf}"><input type="hidden" name="version" value="${report.version}">`;

  const answerValue = (name: string, value: unknown): string => {
    if (typeof value === 'boolean') return t(value ? 'yes' : 'no');
    if (Array.isArray(value)) return value.map((v) => answerValue(name, v)).join(', ');
    const text = String(value);
    const family =
      name === 'category'
        ? 'category'
        : name === 'situation'
          ? 'situation'
          : name === 'helpNeeded'
            ? 'help_kind'
            : null;
    return (family && label(`${family}.${text}`)) || text;
  };
  const answers = Object.entries(report.answers).filter(
    ([, v]) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0) && v !== false,
  );
  const deadlines = Object.entries(report.deadlines).map(([name, due]) => {
    const left = formatTimeLeft(due, input.now, language);
    return html`<tr><th scope="row">${t(`deadline_${name}`)}</th>
      <td>${due ? formatDateTime(due, language) : t('due_none')}</td><td class="${left.state}">${due ? left.text : ''}</td></tr>`;
  });

  const field = (type: CaseActionType, f: ActionField) => {
    const id = `${type}-${f.name}`;
    const fieldLabel = html`<label for="${id}">${t(`field_${f.name}`)}${f.required ? ' *' : ''}</label>`;
    if (f.input === 'officer')
      return html`${fieldLabel}<select id="${id}" name="${f.name}">${input.officers.map((o) => html`<option value="${o.id}">${o.displayName}</option>`)}</select>`;
    if (f.input === 'select')
      return html`${fieldLabel}<select id="${id}" name="${f.name}">${(f.options ?? []).map((o) => html`<option value="${o}">${t(`option_${f.name}_${o}`)}</option>`)}</select>`;
    if (f.input === 'textarea')
      return html`${fieldLabel}<textarea id="${id}" name="${f.name}" maxlength="2000"></textarea>`;
    return html`${fieldLabel}<input type="text" id="${id}" name="${f.name}" maxlength="500">`;
  };
  const actionForm = (type: CaseActionType) => {
    const target = `/console/reports/${report.id}/actions/${type}`;
    // An officer's assignment is taking the report: one button, no choice of officer.
    if (type === 'assign' && !input.officers.some((o) => o.id !== input.officerId))
      return html`<form method="post" action="${target}">${csrf}<input type="hidden" name="assigneeId" value="${input.officerId}"><button type="submit">${t('action_take')}</button></form>`;
    if (actionForms[type].length === 0)
      return html`<form method="post" action="${target}">${csrf}<button type="submit">${t(`action_${type}`)}</button></form>`;
    return html`<details><summary>${t(`action_${type}`)}</summary><form method="post" action="${target}">${csrf}
      ${actionForms[type].map((f) => field(type, f))}<button type="submit">${t(`action_${type}`)}</button></form></details>`;
  };

  const actor = (e: CaseView['events'][number]) =>
    e.actorName ??
    (e.actor === 'reporter' ? t('actor_reporter') : e.actor === 'system' ? t('actor_system') : e.actor);
  const eventLabel = (kind: string) =>
    label(`console.action_${kind}`) ?? label(`console.event_${kind}`) ?? kind;
  const statusLabel = (status: string | null) =>
    status ? translate(language, { key: `report_status.${status}` }) : '';
  const timeline = report.events.map(
    (e) => html`<li><strong>${eventLabel(e.kind)}</strong> · ${formatDateTime(e.at, language)} · ${actor(e)}
      ${e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? html`<br><span class="muted">${statusLabel(e.fromStatus)} → ${statusLabel(e.toStatus)}</span>` : ''}</li>`,
  );
  const followUp = (f: CaseView['followUps'][number]) => {
    const who = f.direction === 'to_reporter' ? t('follow_up_question') : t('follow_up_reporter');
    const state =
      f.direction !== 'to_reporter'
        ? ''
        : f.answeredAt
          ? t('question_answered')
          : f.notifiedAt
            ? t('question_sent')
            : t('question_waiting');
    return html`<li><strong>${who}</strong> · ${formatDateTime(f.createdAt, language)}${state ? html` · <span class="muted">${state}</span>` : ''}<br>${f.text ?? ''}</li>`;
  };
  const identity =
    report.anonymity === 'anonymous'
      ? html`<p>${t('identity_anonymous')}</p>`
      : input.revealedPhone
        ? html`<p><strong>${t('revealed_phone', { phone: input.revealedPhone })}</strong></p>`
        : html`<p>${t('identity_hidden')}</p>${
            input.canReveal
              ? html`<form method="post" action="/console/reports/${report.id}/reveal">${csrf}
                  <label for="reveal-reason">${t('reveal_reason')}</label><textarea id="reveal-reason" name="reason" maxlength="500" required></textarea>
                  <button type="submit">${t('reveal_submit')}</button></form>`
              : ''
          }`;

  return html`<h1>${t('report_heading', { number: report.registerNumber })}</h1>
  <p><span class="p${report.priority}">${t(`priority_${report.priority}`)}</span> · ${statusLabel(report.status)} ·
    ${t(`kind_${report.kind}`)} · ${t(`channel_${report.channel}`)} · ${report.assigneeName ?? t('unassigned')}
    ${report.kind === 'trafficking' ? html` · ${t('victim_track', { status: t(`victim_${report.victimTrackStatus}`) })}` : ''}</p>
  <div class="grid">
    <div>
      <section><h2>${t('section_answers')}</h2><dl class="answers">${answers.map(
        ([name, value]) => html`<dt>${t(`answer_${name}`)}</dt><dd>${answerValue(name, value)}</dd>`,
      )}</dl></section>
      <section><h2>${t('section_follow_ups')}</h2>${
        report.followUps.length
          ? html`<ol class="timeline">${report.followUps.map(followUp)}</ol>`
          : html`<p class="muted">${t('no_entries')}</p>`
      }${
        input.canNote
          ? html`<form method="post" action="/console/reports/${report.id}/questions">${csrf}<label for="question-text">${t('question_text')}</label>
              <textarea id="question-text" name="text" maxlength="2000" required></textarea><p class="muted">${t('question_hint')}</p><button type="submit">${t('question_submit')}</button></form>`
          : ''
      }</section>
      <section><h2>${t('section_evidence')}</h2>${renderEvidenceList(language, report.attachments)}</section>
      <section><h2>${t('section_timeline')}</h2><ol class="timeline">${timeline}</ol></section>
    </div>
    <div>
      <section><h2>${t('section_deadlines')}</h2><table>${deadlines}</table>
        ${report.decisionLimit ? html`<p class="muted">${t('decision_limit', { rule: report.decisionLimit })}</p>` : ''}</section>
      ${renderNoticeSection({ language, report, csrf, canRecord: input.canNote, now: input.now })}
      <section class="actions"><h2>${t('section_actions')}</h2>${
        input.actions.length ? input.actions.map(actionForm) : html`<p class="muted">${t('action_none')}</p>`
      }</section>
      <section><h2>${t('section_notes')}</h2>${
        report.notes.length
          ? html`<ol class="timeline">${report.notes.map((n) => html`<li>${n.officerName} · ${formatDateTime(n.createdAt, language)}<br>${n.text}</li>`)}</ol>`
          : html`<p class="muted">${t('no_entries')}</p>`
      }${
        input.canNote
          ? html`<form method="post" action="/console/reports/${report.id}/notes">${csrf}<label for="note-text">${t('note_text')}</label>
              <textarea id="note-text" name="text" maxlength="4000" required></textarea><button type="submit">${t('note_submit')}</button></form>`
          : ''
      }</section>
      <section><h2>${t('section_identity')}</h2>${identity}</section>
      <section><h2>${t('section_triage')}</h2>
        ${report.routingReason ? html`<p>${t('triage_routing', { reason: report.routingReason })}</p>` : ''}
        ${report.priorityHits ? html`<p class="muted">${t('triage_hits', { rules: JSON.stringify(report.priorityHits) })}</p>` : ''}</section>
    </div>
  </div>`;
}
