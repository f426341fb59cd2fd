import type { FastifyInstance, FastifyReply } from 'fastify';
import { html, type SafeHtml } from '../../platform/http/html.ts';
import { hasText, translate } from '../../platform/text/translate.ts';
import type { Language } from '../../platform/vocabulary/language.ts';
import type { OpenSession } from '../accounts/read-session.ts';
import { recordVksNotice } from '../notices/record-vks-notice.ts';
import { acknowledgeNewInformation } from '../reports/acknowledge-new-information.ts';
import { addCaseNote } from '../reports/add-case-note.ts';
import { applyCaseAction, type CaseActionResult } from '../reports/apply-case-action.ts';
import { askReporterQuestion } from '../reports/ask-reporter-question.ts';
import { readCase } from '../reports/read-case.ts';
import { readUnitOfficers } from '../reports/read-unit-officers.ts';
import { readUnitQueue } from '../reports/read-unit-queue.ts';
import { revealContact } from '../reports/reveal-contact.ts';
import { allowedActions } from '../status/allowed-actions.ts';
import { type CaseActionType, caseActionTypes } from '../status/case-action-schemas.ts';
import { actionFromForm } from './case-action-forms.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { formOf, requestLanguage } from './console-http.ts';
import { sendConsolePage } from './console-layout.ts';
import { consoleSession } from './console-session.ts';
import { consoleText } from './console-text.ts';
import { parseQueueQuery } from './queue-query.ts';
import { renderCaseBody } from './render-case-page.ts';
import { renderQueueBody } from './render-queue-page.ts';

const pageSize = 50;

type Flash = { kind: 'ok' | 'error'; text: string };

/** The queue, a report's page, and the forms that act on a report: actions, notes, questions, procuracy notices, reveal. */
export function registerConsoleCases(scope: FastifyInstance, deps: ConsoleDeps): void {
  const send = (
    reply: FastifyReply,
    status: number,
    language: Language,
    session: OpenSession,
    title: string,
    body: SafeHtml,
    path: string,
    flash?: Flash,
  ) =>
    sendConsolePage(reply, status, {
      language,
      title,
      body,
      user: session.user,
      csrf: session.csrfToken,
      demo: deps.demo,
      path,
      flash,
    });

  const notFound = (reply: FastifyReply, language: Language, session: OpenSession) =>
    send(
      reply,
      404,
      language,
      session,
      consoleText(language, 'not_found'),
      renderNotFound(language),
      '/console',
    );

  scope.get('/console', async (request, reply) => {
    const session = await consoleSession(deps, request, reply);
    if (!session) return reply;
    const language = requestLanguage(request);
    if (session.user.role === 'admin') return reply.redirect('/console/accounts', 303);
    const { filter, cursor } = parseQueueQuery(request.query);
    const now = deps.cases.clock();
    const page = await readUnitQueue(deps.pool, session.user.units, filter, cursor, pageSize, now);
    const body = renderQueueBody(language, page, filter, session.user, now);
    return send(reply, 200, language, session, consoleText(language, 'queue_heading'), body, request.url);
  });

  const showCase = async (
    reply: FastifyReply,
    language: Language,
    session: OpenSession,
    reportId: string,
    status: number,
    flash?: Flash,
    revealedPhone?: string,
  ) => {
    const report = await readCase(deps.pool, session.user, reportId);
    if (!report) return notFound(reply, language, session);
    await acknowledgeNewInformation(deps.pool, session.user, report.id);
    const actor = { officerId: session.user.officerId, role: session.user.role, unitId: session.user.unitId };
    const actions = allowedActions(report.snapshot, actor);
    const officers =
      session.user.role === 'unit_lead'
        ? await readUnitOfficers(deps.pool, report.unitId)
        : [{ id: session.user.officerId, displayName: session.user.displayName }];
    const body = renderCaseBody({
      language,
      report,
      actions,
      officers,
      officerId: session.user.officerId,
      canNote: session.user.role === 'officer' || session.user.role === 'unit_lead',
      canReveal: session.user.role === 'unit_lead',
      revealedPhone,
      csrf: session.csrfToken,
      now: deps.cases.clock(),
    });
    const title = consoleText(language, 'report_heading', { number: report.registerNumber });
    return send(reply, status, language, session, title, body, `/console/reports/${report.id}`, flash);
  };

  scope.get<{ Params: { id: string } }>('/console/reports/:id', async (request, reply) => {
    const session = await consoleSession(deps, request, reply);
    if (!session) return reply;
    return showCase(reply, requestLanguage(request), session, request.params.id, 200);
  });

  scope.post<{ Params: { id: string; type: string } }>(
    '/console/reports/:id/actions/:type',
    async (request, reply) => {
      const session = await consoleSession(deps, request, reply);
      if (!session) return reply;
      const language = requestLanguage(request);
      const type = request.params.type as CaseActionType;
      if (!caseActionTypes.includes(type)) return notFound(reply, language, session);
      const form = formOf(request);
      const version = /^\d+$/.test(form.version ?? '') ? Number(form.version) : null;
      const result = await applyCaseAction(
        deps.cases,
        session.user,
        request.params.id,
        version,
        actionFromForm(type, form),
      );
      if ('applied' in result) return reply.redirect(`/console/reports/${request.params.id}?done=1`, 303);
      if (result.refused === 'not_found') return notFound(reply, language, session);
      return showCase(reply, language, session, request.params.id, refusalStatus(result), {
        kind: 'error',
        text: refusalText(language, result),
      });
    },
  );

  scope.post<{ Params: { id: string } }>('/console/reports/:id/notes', async (request, reply) => {
    const session = await consoleSession(deps, request, reply);
    if (!session) return reply;
    const language = requestLanguage(request);
    const outcome = await addCaseNote(deps.pool, session.user, request.params.id, formOf(request).text ?? '');
    if (outcome === 'added') return reply.redirect(`/console/reports/${request.params.id}`, 303);
    if (outcome === 'not_found') return notFound(reply, language, session);
    const text = consoleText(language, outcome === 'forbidden' ? 'forbidden' : 'note_invalid');
    return showCase(reply, language, session, request.params.id, outcome === 'forbidden' ? 403 : 422, {
      kind: 'error',
      text,
    });
  });

  scope.post<{ Params: { id: string } }>('/console/reports/:id/questions', async (request, reply) => {
    const session = await consoleSession(deps, request, reply);
    if (!session) return reply;
    const language = requestLanguage(request);
    const result = await askReporterQuestion(
      { pool: deps.pool, cipher: deps.cipher, now: deps.cases.clock() },
      session.user,
      request.params.id,
      formOf(request).text ?? '',
    );
    if ('asked' in result)
      return showCase(reply, language, session, request.params.id, 200, {
        kind: 'ok',
        text: consoleText(language, result.asked.delivery === 'sent' ? 'question_sent' : 'question_waiting'),
      });
    if (result.refused === 'not_found') return notFound(reply, language, session);
    const forbidden = result.refused === 'forbidden';
    return showCase(reply, language, session, request.params.id, forbidden ? 403 : 422, {
      kind: 'error',
      text: consoleText(language, forbidden ? 'forbidden' : 'question_invalid'),
    });
  });

  scope.post<{ Params: { id: string } }>('/console/reports/:id/vks-notices', async (request, reply) => {
    const session = await consoleSession(deps, request, reply);
    if (!session) return reply;
    const language = requestLanguage(request);
    const form = formOf(request);
    const result = await recordVksNotice(
      deps.pool,
      session.user,
      request.params.id,
      {
        kind: form.kind,
        sentAt: vietnamLocalTime(form.sentAt ?? ''),
        reference: form.reference,
        method: form.method,
      },
      deps.cases.clock(),
    );
    if ('recorded' in result) return reply.redirect(`/console/reports/${request.params.id}?done=1`, 303);
    if (result.refused === 'not_found') return notFound(reply, language, session);
    const forbidden = result.refused === 'forbidden';
    return showCase(reply, language, session, request.params.id, forbidden ? 403 : 422, {
      kind: 'error',
      text: consoleText(language, forbidden ? 'forbidden' : 'notice_invalid'),
    });
  });

  scope.post<{ Params: { id: string } }>('/console/reports/:id/reveal', async (request, reply) => {
    const session = await consoleSession(deps, request, reply);
    if (!session) return reply;
    const language = requestLanguage(request);
    const result = await revealContact(
      deps.pool,
      deps.cipher,
      session.user,
      request.params.id,
      formOf(request).reason ?? '',
    );
    if ('revealed' in result)
      return showCase(reply, language, session, request.params.id, 200, undefined, result.revealed.phone);
    if (result.refused === 'not_found') return notFound(reply, language, session);
    const key = {
      forbidden: 'forbidden',
      reason_required: 'reveal_reason_required',
      no_contact: 'reveal_no_contact',
    }[result.refused];
    return showCase(reply, language, session, request.params.id, result.refused === 'forbidden' ? 403 : 422, {
      kind: 'error',
      text: consoleText(language, key),
    });
  });
}

/** A form's `datetime-local` value is Vietnam's local time (UTC+7, no daylight saving): give it its offset. */
function vietnamLocalTime(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return `${value}:00+07:00`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(value)) return `${value}+07:00`;
  return value;
}

function renderNotFound(language: Language): SafeHtml {
  return html`<h1>${consoleText(language, 'not_found')}</h1>`;
}

/** The HTTP status of a refused action: 409 for a lost race, 403 for a role, 422 for the rest. */
export function refusalStatus(result: Extract<CaseActionResult, { refused: string }>): number {
  if (result.refused === 'conflict') return 409;
  if (result.refused === 'forbidden') return 403;
  if (result.refused === 'not_found') return 404;
  return 422;
}

function refusalText(language: Language, result: Extract<CaseActionResult, { refused: string }>): string {
  const keys: Record<string, string> = {
    conflict: 'action_conflict',
    forbidden: 'forbidden',
    wrong_state: 'action_wrong_state',
    invalid_fields: 'action_invalid',
    already_extended: 'action_already',
    wrong_kind: 'action_wrong_kind',
    unknown_assignee: 'action_unknown_assignee',
    unknown_duplicate: 'action_unknown_duplicate',
    calendar_not_covered: 'action_calendar',
  };
  const text = consoleText(language, keys[result.refused] ?? 'action_invalid');
  const fields = (result.issues ?? [])
    .map((issue) => `console.field_${issue.path.split('.')[0]}`)
    .filter((key) => hasText(key))
    .map((key) => translate(language, { key }));
  return fields.length ? `${text} (${[...new Set(fields)].join(', ')})` : text;
}
