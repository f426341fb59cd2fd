import type { FastifyInstance } from 'fastify';
import type { ConsoleDeps } from '../../casework/console/console-deps.ts';
import { consoleHeaders } from '../../casework/console/console-http.ts';
import { sendConsolePage } from '../../casework/console/console-layout.ts';
import { html } from '../../platform/http/html.ts';
import { formatDateTime } from '../../platform/text/format-date.ts';
import { chainHeadsCsv } from '../ledger/chain-heads-csv.ts';
import { vietnamDay } from '../ledger/daily-chain-heads.ts';
import type { LedgerProblem } from '../ledger/ledger-problem.ts';
import { readLatestVerification } from '../ledger/record-ledger-verification.ts';
import { supervisionReader, type Text } from './supervision-reader.ts';

/** The table shows a month; the CSV holds every day. */
const shownDays = 31;
const dayMs = 24 * 3600_000;

/** The first problem in words: numbers and ids only, never a report's content. */
function problemText(t: Text, problem: LedgerProblem): string {
  switch (problem.kind) {
    case 'register_gap':
      return t('ledger_problem_register_gap', {
        register: problem.register,
        year: problem.year,
        seq: problem.seq,
      });
    case 'ledger_row_changed':
      return t('ledger_problem_row_changed', { entry: problem.entryId });
    case 'ledger_link_broken':
      return t('ledger_problem_link_broken', { entry: problem.entryId });
    case 'subject_changed':
      return problem.subject.kind === 'register'
        ? t('ledger_problem_report_changed', {
            register: problem.subject.registerNumber,
            entry: problem.entryId,
          })
        : t('ledger_problem_event_changed', { event: problem.subject.eventId, entry: problem.entryId });
    case 'subject_deleted':
      return problem.subject.kind === 'register'
        ? t('ledger_problem_report_deleted', {
            register: problem.subject.registerNumber,
            entry: problem.entryId,
          })
        : t('ledger_problem_event_deleted', { event: problem.subject.eventId, entry: problem.entryId });
  }
}

/**
 * GET /console/ledger: whether the tamper-evident register verified (or its first problem) at the
 * latest verification, when and by what, and the daily chain heads of the last 31 days it read;
 * GET /console/ledger/heads.csv: every day's head, for someone outside the system to record. The
 * worker verifies the whole chain hourly (minutes at millions of entries: too long for a page).
 */
export function registerLedgerPages(scope: FastifyInstance, deps: ConsoleDeps): void {
  scope.get('/console/ledger', async (request, reply) => {
    const reader = await supervisionReader(deps, request, reply);
    if (!reader) return reply;
    const { session, language, t } = reader;
    const verdict = await readLatestVerification(deps.pool);
    const since = vietnamDay(new Date(Date.now() - (shownDays - 1) * dayMs));
    const recent = (verdict?.heads ?? []).filter((h) => h.day >= since).reverse();
    const state = !verdict
      ? html`<p class="flash" role="status">${t('ledger_not_verified')}</p>`
      : html`${
          verdict.problem
            ? html`<p class="flash error" role="alert">${problemText(t, verdict.problem)}</p>`
            : html`<p class="flash ok" role="status">${t('ledger_intact', { entries: verdict.entries, hash: verdict.lastHash })}</p>`
        }<p class="muted">${t('ledger_verified', {
          at: formatDateTime(verdict.finishedAt, language),
          by: t(verdict.by === 'worker' ? 'ledger_by_worker' : 'ledger_by_command'),
        })}</p>`;
    const rows = recent.map(
      (h) => html`<tr><td>${h.day}</td><td>${h.entries}</td><td><code>${h.head}</code></td></tr>`,
    );
    const table =
      recent.length === 0
        ? html`<p>${t('ledger_no_heads')}</p>`
        : html`<table><thead><tr><th>${t('ledger_day')}</th><th>${t('ledger_entries')}</th><th>${t('ledger_head')}</th></tr></thead>
          <tbody>${rows}</tbody></table>`;
    const body = html`<h1>${t('ledger_heading')}</h1>${state}
      <h2>${t('ledger_heads_heading')}</h2><p>${t('ledger_heads_intro')}</p>${table}
      <p><a href="/console/ledger/heads.csv">${t('ledger_heads_download')}</a></p>`;
    return sendConsolePage(reply, 200, {
      language,
      title: t('ledger_heading'),
      body,
      user: session.user,
      csrf: session.csrfToken,
      demo: deps.demo,
      path: '/console/ledger',
    });
  });

  scope.get('/console/ledger/heads.csv', async (request, reply) => {
    const reader = await supervisionReader(deps, request, reply);
    if (!reader) return reply;
    const verdict = await readLatestVerification(deps.pool);
    return consoleHeaders(reply)
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="ledger-heads-${vietnamDay(new Date())}.csv"`)
      .send(chainHeadsCsv(verdict?.heads ?? []));
  });
}
