import { PassThrough, Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { appendAudit } from '../../casework/audit/append-audit.ts';
import { consoleHeaders } from '../../casework/console/console-http.ts';
import { inTransaction } from '../../platform/database/create-pg-pool.ts';
import { writePdfReport } from '../../platform/files/pdf-report.ts';
import { writeXlsx } from '../../platform/files/xlsx-stream.ts';
import { csvLines } from '../../platform/text/csv-lines.ts';
import { type DashboardRequest, openDashboardRequest } from './dashboard-access.ts';
import type { DashboardDeps } from './dashboard-deps.ts';
import { dashboardPdf } from './dashboard-pdf.ts';
import { vietnamToday } from './dashboard-query.ts';
import { readDashboard } from './read-dashboard.ts';
import { exportCells, exportHeader, readExportRows } from './read-export-rows.ts';

type ExportFormat = 'csv' | 'xlsx' | 'pdf';

const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** Every export is an audit row, written before the first byte: which scope, not what it held. */
async function auditExport(
  deps: DashboardDeps,
  opened: DashboardRequest,
  format: ExportFormat,
): Promise<void> {
  const { user, query, scope } = opened;
  await inTransaction(deps.pool, {}, (client) =>
    appendAudit(client, {
      officerId: user.officerId,
      sessionId: user.sessionId,
      action: 'figures.export',
      detail: {
        format,
        unit: query.unitId,
        from: scope.from.toISOString(),
        to: scope.to.toISOString(),
        category: query.filters.category ?? null,
        channel: query.filters.channel ?? null,
        kind: query.filters.kind ?? null,
      },
    }),
  );
}

function sendFile(reply: FastifyReply, opened: DashboardRequest, format: ExportFormat, body: Readable) {
  const day = vietnamToday(new Date(opened.scope.from.getTime() + 1)).day;
  const name =
    format === 'pdf' ? `bao-cao-${opened.query.unitId}-${day}` : `so-lieu-${opened.query.unitId}-${day}`;
  return consoleHeaders(reply)
    .type(contentTypes[format])
    .header('content-disposition', `attachment; filename="${name.replace(/[^A-Za-z0-9-]/g, '_')}.${format}"`)
    .send(body);
}

/** The rows of both spreadsheet exports, read a page at a time. */
async function* exportRows(opened: DashboardRequest, deps: DashboardDeps): AsyncGenerator<(string | null)[]> {
  for await (const row of readExportRows(deps.pool, opened.scope, opened.now)) yield exportCells(row);
}

/**
 * The exports of the dashboard's scope, streamed: the period's reports as CSV (BOM, each cell
 * guarded against formulas) and as XLSX, each with whether it counts in each rate, and the monthly
 * report as PDF. No tip text, no reporter: the columns of the drill-down only.
 */
export function registerDashboardExports(scope: FastifyInstance, deps: DashboardDeps): void {
  scope.get('/console/dashboard/export.csv', async (request, reply) => {
    const opened = await openDashboardRequest(deps, request, reply, '/console/dashboard');
    if (!opened) return reply;
    await auditExport(deps, opened, 'csv');
    return sendFile(reply, opened, 'csv', Readable.from(csvLines(exportHeader, exportRows(opened, deps))));
  });
  scope.get('/console/dashboard/export.xlsx', async (request, reply) => {
    const opened = await openDashboardRequest(deps, request, reply, '/console/dashboard');
    if (!opened) return reply;
    await auditExport(deps, opened, 'xlsx');
    const out = new PassThrough();
    writeXlsx(out, 'Tin Bao', exportHeader, exportRows(opened, deps)).then(
      () => out.end(),
      (error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))),
    );
    return sendFile(reply, opened, 'xlsx', out);
  });
  scope.get('/console/dashboard/report.pdf', async (request, reply) => {
    const opened = await openDashboardRequest(deps, request, reply, '/console/dashboard');
    if (!opened) return reply;
    const dashboard = await readDashboard(
      deps.pool,
      opened.scope,
      opened.query.unitId,
      deps.headline,
      opened.now,
    );
    await auditExport(deps, opened, 'pdf');
    const out = new PassThrough();
    const report = dashboardPdf(opened.language, dashboard, opened.user.displayName, opened.now);
    writePdfReport(out, report).catch((error: unknown) =>
      out.destroy(error instanceof Error ? error : new Error(String(error))),
    );
    return sendFile(reply, opened, 'pdf', out);
  });
}
