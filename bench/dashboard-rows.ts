import { type FigureRow, row, sum, verdict } from './figure-row.ts';
import type { DashboardResult } from './measure-dashboard.ts';
import type { SupervisionWalk } from './walk-supervision.ts';

/** How much more the web process may grow exporting a year than exporting a month: flat memory. */
const flatMemoryMarginMb = 32;

/** (f): every dashboard page against its target, the exports' memory, the audit recount, the walk. */
export function dashboardRows(
  result: DashboardResult,
  walk: SupervisionWalk,
  targets: { dashboardPageP95Ms: number; rssMb: number },
): FigureRow[] {
  const rows: FigureRow[] = [
    row(
      `(f) dashboard of ${result.unit.id} as ${result.supervisor}: reports all time / in the quarter`,
      `${result.unit.reports} / ${result.unit.quarterReports}; ${result.requestsPerRow} requests a kind at ${result.ratePerSecond}/s`,
      '',
      '',
      '',
    ),
  ];
  for (const page of result.pages) {
    const failed = sum(page.failures);
    rows.push({
      figure: `(f) ${page.name} p50 / p95 / p99`,
      measured: `${page.latency.p50Ms} / ${page.latency.p95Ms} / ${page.latency.p99Ms} ms${failed ? `; ${failed} failed` : ''}`,
      rawLimit: '',
      ratio: '',
      target: `p95 < ${targets.dashboardPageP95Ms} ms`,
      verdict: verdict(page.latency.p95Ms < targets.dashboardPageP95Ms && failed === 0),
    });
  }
  for (const file of result.exports) {
    rows.push({
      figure: `(f) export ${file.name}: size, time, web RSS before → peak`,
      measured: `${(file.bytes / 1e6).toFixed(2)} MB, ${file.seconds} s, ${file.webRssBeforeMb} → ${file.webRssPeakMb} MB`,
      rawLimit: '',
      ratio: '',
      target: `200, peak < ${targets.rssMb} MB`,
      verdict: verdict(file.status === 200 && file.webRssPeakMb < targets.rssMb),
    });
  }
  const rise = (name: string) => {
    const file = result.exports.find((e) => e.name === name);
    return file ? { mb: file.webRssPeakMb - file.webRssBeforeMb, bytes: file.bytes } : null;
  };
  const month = rise('month XLSX');
  const year = rise('year XLSX');
  if (month && year)
    rows.push({
      figure: '(f) exports in flat memory: RSS rise of the year XLSX vs the month XLSX',
      measured: `+${year.mb} MB vs +${month.mb} MB for a file ×${Math.round((year.bytes / Math.max(1, month.bytes)) * 10) / 10}`,
      rawLimit: '',
      ratio: '',
      target: `≤ month + ${flatMemoryMarginMb} MB`,
      verdict: verdict(year.mb <= month.mb + flatMemoryMarginMb),
    });
  for (const check of result.audit)
    rows.push({
      figure: `(f) docs/audit.md recounted on ${check.unit} ${check.period}`,
      measured:
        check.mismatches.length === 0
          ? `${check.blocks} blocks, all equal`
          : `${check.mismatches.length} of ${check.blocks} differ: ${check.mismatches.join(', ')}`,
      rawLimit: '',
      ratio: '',
      target: 'all equal',
      verdict: verdict(check.mismatches.length === 0),
    });
  rows.push(...walkRows(walk));
  return rows;
}

function walkRows(walk: SupervisionWalk): FigureRow[] {
  const files = walk.exports.map((e) => `${e.name} ${e.status} ${e.bytes} B "${e.signature}"`).join(', ');
  const filesOk = walk.exports.every(
    (e) => e.status === 200 && (e.name === 'PDF' ? e.signature === '%PDF' : e.signature.startsWith('PK')),
  );
  return [
    row(
      `(g) walk: ${walk.unit} ${walk.quarter} resolution rate`,
      `${walk.headline} of ${walk.denominator} to resolve`,
      '',
      '',
      '',
    ),
    {
      figure: '(g) walk: drill-down of the denominator to its last page',
      measured: `${walk.listed} reports on ${walk.listPages} pages in ${walk.listSeconds} s`,
      rawLimit: '',
      ratio: '',
      target: `= ${walk.denominator}`,
      verdict: verdict(walk.listed === walk.denominator),
    },
    {
      figure: "(g) walk: the quarter's last month as XLSX and PDF",
      measured: files,
      rawLimit: '',
      ratio: '',
      target: '200, PK / %PDF',
      verdict: verdict(filesOk),
    },
    {
      figure: '(g) walk: close the quarter',
      measured: `${walk.close.status} → ${walk.close.location} in ${walk.close.seconds} s`,
      rawLimit: '',
      ratio: '',
      target: '303 to the snapshot',
      verdict: verdict(
        walk.close.status === 303 && (walk.close.location ?? '').startsWith('/console/periods/'),
      ),
    },
    row('(g) walk: ledger sealed', `${walk.sealed.entries} entries in ${walk.sealed.seconds} s`, '', '', ''),
    {
      figure: '(g) walk: npm run ledger:verify',
      measured: `exit ${walk.intact.exitCode} in ${walk.intact.seconds} s: ${walk.intact.line.slice(0, 60)}`,
      rawLimit: '',
      ratio: '',
      target: 'exit 0, intact',
      verdict: verdict(walk.intact.exitCode === 0 && walk.intact.line.startsWith('ledger intact')),
    },
    {
      figure: `(g) walk: ledger:verify after back-dating ${walk.tampered.registerNumber}`,
      measured: `exit ${walk.tampered.run.exitCode}: ${walk.tampered.run.line}`,
      rawLimit: '',
      ratio: '',
      target: 'exit 2, names it',
      verdict: verdict(walk.tampered.run.exitCode === 2 && walk.tampered.named),
    },
  ];
}
