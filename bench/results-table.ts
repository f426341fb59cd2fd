import type { ConsoleTemplate } from './console-reports-template.ts';
import { dashboardRows } from './dashboard-rows.ts';
import { type FigureRow, row, sum, verdict } from './figure-row.ts';
import { describeDrain } from './intake-backlog.ts';
import type { ConsoleResult } from './measure-console.ts';
import type { DashboardResult } from './measure-dashboard.ts';
import type { EndToEndResult } from './measure-end-to-end.ts';
import type { RawInsertResult } from './measure-raw-inserts.ts';
import type { WebhookIntakeResult } from './measure-webhook-intake.ts';
import type { RssPeak } from './process-rss.ts';
import type { SupervisionWalk } from './walk-supervision.ts';

export type { FigureRow } from './figure-row.ts';

export interface BenchFigures {
  raw: RawInsertResult;
  intake: WebhookIntakeResult;
  endToEnd: EndToEndResult;
  rss: Record<string, RssPeak>;
  /** Updates one complete report takes; the raw limit of (c) is raw inserts divided by this. */
  updatesPerReport: number;
  /** (e), unless the run was told to leave it out. */
  console: { result: ConsoleResult; template: ConsoleTemplate; copySeconds: number } | null;
  /** (f) on the same database as (e), and the walk issue 19 is done by. */
  dashboard: { result: DashboardResult; walk: SupervisionWalk } | null;
}

/** The targets of docs/quality.md (Performance), as ratios against the raw limits of the same run. */
export const targets = {
  intakeShareOfRawInserts: 0.4,
  ackP99AtHalfRateMs: 50,
  reportsPerSecond: 300,
  triageLagP95Ms: 2000,
  rssMb: 300,
  consolePageP95Ms: 150,
  dashboardPageP95Ms: 300,
} as const;

export function buildFigureRows(f: BenchFigures): FigureRow[] {
  const raw = f.raw.tps;
  const { peak, half } = f.intake;
  const e2e = f.endToEnd;
  const intakeShare = peak.acknowledgedPerSecond / raw;
  const reportLimit = raw / f.updatesPerReport;
  const webhookErrors =
    sum(peak.failures) +
    sum(half.failures) +
    sum(f.intake.withConversations.failures) +
    sum(e2e.failures) +
    sum(f.console?.result.intake.failures ?? {});
  const rows: FigureRow[] = [
    row(
      `raw single-row INSERT tx/s (pgbench -c ${f.raw.clients}), mean of ${f.raw.runs.length}`,
      `${raw} (${f.raw.runs.join(' / ')})`,
      '',
      '',
      '',
    ),
    {
      figure: `(b) webhook updates acknowledged/s, intake alone (${peak.connections} connections)`,
      measured: `${peak.acknowledgedPerSecond}`,
      rawLimit: `${raw}`,
      ratio: percent(intakeShare),
      target: `≥ ${percent(targets.intakeShareOfRawInserts)}`,
      verdict: verdict(intakeShare >= targets.intakeShareOfRawInserts),
    },
    row('(b) ack latency p50 / p99 at peak', `${peak.latency.p50Ms} / ${peak.latency.p99Ms} ms`, '', '', ''),
    row(
      `(b) ack latency p50 at half rate (${half.offeredPerSecond}/s)`,
      `${half.latency.p50Ms} ms`,
      '',
      '',
      '',
    ),
    {
      figure: `(b) ack latency p99 at half rate (${half.offeredPerSecond}/s)`,
      measured: `${half.latency.p99Ms} ms`,
      rawLimit: '',
      ratio: '',
      target: `< ${targets.ackP99AtHalfRateMs} ms`,
      verdict: verdict(half.latency.p99Ms < targets.ackP99AtHalfRateMs),
    },
    row('(b) web CPU per acknowledged update', `${f.intake.webCpuMsPerAck} ms`, '', '', ''),
    row(
      '(b) then processed by the worker started again/s',
      `${f.intake.backlog.processedPerSecond} (backlog ${f.intake.backlog.pending}, ${describeDrain(f.intake.backlog.drain)})`,
      '',
      '',
      '',
    ),
    row(
      '(b) acknowledged/s with the worker processing at once',
      `${f.intake.withConversations.acknowledgedPerSecond}`,
      `${raw}`,
      percent(f.intake.withConversations.acknowledgedPerSecond / raw),
      '',
    ),
    row(
      '(b) … of which the conversation intake processed/s',
      `${f.intake.processedPerSecond}`,
      `${raw}`,
      percent(f.intake.processedPerSecond / raw),
      '',
    ),
    {
      figure: `(c) completed reports/s to triaged (${e2e.parallelConversations} chats at a time)`,
      measured: `${e2e.completedPerSecond}`,
      rawLimit: `${Math.round(reportLimit)}`,
      ratio: percent(e2e.completedPerSecond / reportLimit),
      target: `≥ ${targets.reportsPerSecond}`,
      verdict: verdict(e2e.completedPerSecond >= targets.reportsPerSecond),
    },
    row('(c) reports triaged / confirms acknowledged', `${e2e.triaged} / ${e2e.confirmed}`, '', '', ''),
    row('(c) triage lag p50', ms(e2e.triageLag.p50Ms), '', '', ''),
    {
      figure: '(c) triage lag p95 (triaged_at - submitted_at)',
      measured: ms(e2e.triageLag.p95Ms),
      rawLimit: '',
      ratio: '',
      target: `< ${targets.triageLagP95Ms / 1000} s`,
      verdict: verdict(e2e.triageLag.p95Ms !== null && e2e.triageLag.p95Ms < targets.triageLagP95Ms),
    },
    row('(c) drain after the load stopped', describeDrain(e2e.drain), '', '', ''),
    row(
      '(c) triage lag p95: to the relay / relay to triaged',
      `${ms(e2e.triageLag.relayP95Ms)} / ${ms(e2e.triageLag.jobP95Ms)}`,
      '',
      '',
      '',
    ),
    row('(c) intake lag p95 (processed_at - received_at)', ms(e2e.intakeLag.p95Ms), '', '', ''),
    row('(c) web CPU per update (ack + conversation turn)', `${e2e.webCpuMsPerUpdate} ms`, '', '', ''),
    row('(c) worker CPU per triaged report', `${e2e.workerCpuMsPerReport} ms`, '', '', ''),
    row(
      '(c) CPU per report: system / load generator',
      `${e2e.cpuMsPerReport.system} / ${e2e.cpuMsPerReport.loadGenerator} ms`,
      '',
      '',
      '',
    ),
    row('(c) reports/s all cores allow at that cost', `${e2e.ceilingPerSecond}`, '', '', ''),
  ];
  if (f.console) rows.push(...consoleRows(f.console));
  if (f.dashboard) rows.push(...dashboardRows(f.dashboard.result, f.dashboard.walk, targets));
  for (const [name, peakRss] of Object.entries(f.rss)) {
    const mb = Math.max(peakRss.peakRssMb, peakRss.highWaterMarkMb);
    rows.push({
      figure: `(d) peak RSS ${name}`,
      measured: `${mb} MB (idle ${peakRss.startRssMb})`,
      rawLimit: '',
      ratio: '',
      target: `< ${targets.rssMb} MB`,
      verdict: verdict(mb < targets.rssMb),
    });
  }
  rows.push({
    figure: 'webhook answers other than 200',
    measured: `${webhookErrors}`,
    rawLimit: '',
    ratio: '',
    target: '0',
    verdict: verdict(webhookErrors === 0),
  });
  rows.push({
    figure: '(c) button presses answered / acknowledged',
    measured: `${e2e.presses.answered} / ${e2e.presses.acknowledged}`,
    rawLimit: '',
    ratio: '',
    target: 'all',
    verdict: verdict(e2e.presses.answered === e2e.presses.acknowledged),
  });
  rows.push({
    figure: '429 answers from the fake Telegram',
    measured: `${e2e.outbound.tooManyRequestsFromFake}`,
    rawLimit: '',
    ratio: '',
    target: '0',
    verdict: verdict(e2e.outbound.tooManyRequestsFromFake === 0),
  });
  return rows;
}

/** (e): the data, each page against its raw query, the intake meanwhile, and non-200 answers. */
function consoleRows({ result, template, copySeconds }: NonNullable<BenchFigures['console']>): FigureRow[] {
  const g = template.generation;
  const built = template.built
    ? `built in ${template.buildSeconds} s`
    : `cached, built ${g.asOf.slice(0, 16)}Z`;
  const { big, small } = result.units;
  const rows: FigureRow[] = [
    row(
      '(e) console database: reports / open / events',
      `${g.reports} / ${g.open} / ${g.events} (${built}; copied in ${copySeconds} s)`,
      '',
      '',
      '',
    ),
    row(
      '(e) units: big / small (reports, open)',
      `${big.id} (${big.reports}, ${big.open}) / ${small.id} (${small.reports}, ${small.open})`,
      '',
      '',
      '',
    ),
  ];
  for (const page of result.pages) {
    const raw = result.raw[page.raw];
    const shown = page.rowsShown === null ? '' : `, ${page.rowsShown} rows`;
    const matching = page.matching === null ? '' : ` (${page.matching} match)`;
    rows.push({
      figure: `(e) ${page.unit} unit ${page.name}${matching} p50 / p95 / p99`,
      measured: `${page.latency.p50Ms} / ${page.latency.p95Ms} / ${page.latency.p99Ms} ms${shown}; PostgreSQL ${page.cpu.cores.postgres} cores; intake p99 ${page.intake.p99Ms} ms${sum(page.failures) ? `; ${sum(page.failures)} failed` : ''}`,
      rawLimit: `${raw.p95Ms} ms`,
      ratio: `×${Math.round((page.latency.p95Ms / Math.max(0.01, raw.p95Ms)) * 10) / 10}`,
      target: `p95 < ${targets.consolePageP95Ms} ms`,
      verdict: verdict(page.latency.p95Ms < targets.consolePageP95Ms && sum(page.failures) === 0),
    });
  }
  rows.push(
    row(
      '(e) raw: queue SELECT … LIMIT 51 / report by id, p50 / p95',
      `${result.raw.queue.p50Ms} / ${result.raw.queue.p95Ms} ms, ${result.raw.report.p50Ms} / ${result.raw.report.p95Ms} ms`,
      '',
      '',
      '',
    ),
    row(
      `(e) intake meanwhile, open loop at ${result.intake.offeredPerSecond}/s, worker stopped`,
      `${result.intake.acknowledgedPerSecond}/s, p50 / p99 ${result.intake.latency.p50Ms} / ${result.intake.latency.p99Ms} ms`,
      '',
      '',
      '',
    ),
  );
  rows.push(
    row(
      '(e) queue statement alone, EXPLAIN ANALYZE (big unit)',
      result.plans.map((plan) => `${plan.name} ${plan.executionMs} ms`).join(', '),
      '',
      '',
      '',
    ),
  );
  const failures = result.pages.reduce((n, page) => n + sum(page.failures), 0);
  rows.push({
    figure: '(e) console answers other than 200',
    measured: `${failures}`,
    rawLimit: '',
    ratio: '',
    target: '0',
    verdict: verdict(failures === 0),
  });
  return rows;
}

/** A plain-text table with aligned columns. */
export function formatTable(rows: FigureRow[]): string {
  const header: FigureRow = {
    figure: 'figure',
    measured: 'measured',
    rawLimit: 'raw limit',
    ratio: 'ratio',
    target: 'target',
    verdict: '' as const,
  };
  const all = [header, ...rows];
  const columns = ['figure', 'measured', 'rawLimit', 'ratio', 'target'] as const;
  const widths = columns.map((c) => Math.max(...all.map((r) => [...r[c]].length)));
  const line = (r: FigureRow, verdictText: string) =>
    [...columns.map((c, i) => pad(r[c], widths[i] ?? 0)), verdictText].join('  ').trimEnd();
  const rule = '-'.repeat(widths.reduce((a, b) => a + b + 2, 0) + 9);
  return [line(header, 'pass/fail'), rule, ...rows.map((r) => line(r, r.verdict))].join('\n');
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

function ms(value: number | null): string {
  return value === null ? 'n/a' : `${value} ms`;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}
