import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { inTransaction } from '../../platform/database/create-pg-pool.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { noticeLogCsv } from '../notices/notice-log-csv.ts';
import { readNoticeLog } from '../notices/read-notice-log.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { consoleHeaders, requestLanguage } from './console-http.ts';
import { consoleSession } from './console-session.ts';
import { consoleText } from './console-text.ts';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const dayMs = 24 * 3600_000;
/** A longer period is a second export: one file stays a year at most. */
const maxDays = 366;

/** Midnight starting `date` in Vietnam (UTC+7), or null for a date that does not exist. */
function vietnamMidnight(date: string): Date | null {
  if (!datePattern.test(date)) return null;
  const at = new Date(`${date}T00:00:00+07:00`);
  // 2026-02-30 rolls over to another day: not a date.
  if (Number.isNaN(at.getTime())) return null;
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10) === date ? at : null;
}

/**
 * GET /console/notices.csv?from=YYYY-MM-DD&to=YYYY-MM-DD: the notice log of the user's units for
 * those days (Vietnam's calendar, both included), streamed as CSV with a BOM. Unit leads and
 * supervisors only; the export is an audit row.
 */
export function registerConsoleNoticeLog(scope: FastifyInstance, deps: ConsoleDeps): void {
  scope.get('/console/notices.csv', async (request, reply) => {
    const session = await consoleSession(deps, request, reply);
    if (!session) return reply;
    const language = requestLanguage(request);
    const { user } = session;
    const text = (status: number, key: string) =>
      consoleHeaders(reply).code(status).type('text/plain; charset=utf-8').send(consoleText(language, key));
    if ((user.role !== 'unit_lead' && user.role !== 'supervisor') || user.units.length === 0)
      return text(403, 'forbidden');
    const query = request.query as { from?: unknown; to?: unknown };
    const from = typeof query.from === 'string' ? vietnamMidnight(query.from) : null;
    const last = typeof query.to === 'string' ? vietnamMidnight(query.to) : null;
    if (!from || !last || last < from || (last.getTime() - from.getTime()) / dayMs >= maxDays)
      return text(400, 'notice_log_invalid');
    const to = new Date(last.getTime() + dayMs);
    await inTransaction(deps.pool, {}, (client) =>
      appendAudit(client, {
        officerId: user.officerId,
        sessionId: user.sessionId,
        action: 'notice_log.export',
        detail: { from: String(query.from), to: String(query.to) },
      }),
    );
    const body = Readable.from(noticeLogCsv(readNoticeLog(deps.pool, user.units, from, to)));
    return consoleHeaders(reply)
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="notices-${query.from}-${query.to}.csv"`)
      .send(body);
  });
}
