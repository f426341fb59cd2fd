import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { vietnamToday } from '../src/supervision/console/dashboard-query.ts';
import {
  customPeriod,
  type FigurePeriod,
  monthPeriod,
  quarterPeriod,
  yearPeriod,
} from '../src/supervision/figures/figure-period.ts';
import { unitFigureScope } from '../src/supervision/figures/figure-scope.ts';
import { readFigures } from '../src/supervision/figures/read-figures.ts';
import { auditBlocks, auditComparison } from '../test/support/audit-blocks.ts';
import type { BenchSystem } from './bench-system.ts';
import { consoleBenchIdentity } from './console-bench-identity.ts';
import { ConsoleClient } from './console-client.ts';
import { openLoop } from './open-loop.ts';
import { type LatencySummary, summariseLatencies } from './percentile.ts';

export interface DashboardPageResult {
  name: string;
  path: string;
  latency: LatencySummary;
  /** HTTP status (0: no answer within 10 s) → count, for every answer other than 200. */
  failures: Record<string, number>;
}

export interface DashboardExportResult {
  name: string;
  path: string;
  status: number;
  bytes: number;
  seconds: number;
  /** The web process's resident memory before the download and at its highest during it. */
  webRssBeforeMb: number;
  webRssPeakMb: number;
}

export interface DashboardAuditResult {
  unit: string;
  period: string;
  /** docs/audit.md blocks run and compared with the dashboard's figures of the same scope. */
  blocks: number;
  mismatches: string[];
}

export interface DashboardResult {
  supervisor: string;
  /** The big province's reports, all time, and of the quarter measured. */
  unit: { id: string; reports: number; quarterReports: number };
  ratePerSecond: number;
  requestsPerRow: number;
  pages: DashboardPageResult[];
  exports: DashboardExportResult[];
  audit: DashboardAuditResult[];
}

const bigUnit = 'PROV-01';
const otherProvince = 'PROV-79';

/** The complete periods before `now` the dashboard rows read, and this month (still running). */
export function benchPeriods(now: Date) {
  const today = vietnamToday(now);
  const monthIndex = today.year * 12 + today.month - 2;
  const lastMonth = { year: Math.floor(monthIndex / 12), month: (monthIndex % 12) + 1 };
  const quarterIndex = today.year * 4 + Math.ceil(today.month / 3) - 2;
  const lastQuarter = { year: Math.floor(quarterIndex / 4), quarter: (quarterIndex % 4) + 1 };
  const dayOf = (d: Date) => vietnamToday(d).day;
  const last = dayOf(new Date(now.getTime() - 86_400_000));
  const first = dayOf(new Date(now.getTime() - 90 * 86_400_000));
  return {
    lastMonth: { ...lastMonth, period: monthPeriod(lastMonth.year, lastMonth.month) },
    lastQuarter: { ...lastQuarter, period: quarterPeriod(lastQuarter.year, lastQuarter.quarter) },
    lastYear: { year: today.year - 1, period: yearPeriod(today.year - 1) },
    thisMonth: { year: today.year, month: today.month },
    custom: { first, last, period: customPeriod(first, last) },
  };
}

/**
 * (f) The supervisor dashboard on the same generated reports as (e), through the real web process
 * and login: a province supervisor's dashboard of a month, a quarter, a year, the running month,
 * a custom 90 days, the quarter with each kind of filter, another province, a commune, and the
 * drill-down of the headline's denominator, each kind `requestsPerRow` requests at `ratePerSecond`
 * in an open loop of its own (the intake is not running). Then the exports of a month and of a
 * year one at a time, with the web process's memory sampled every 50 ms, and every block of
 * docs/audit.md run on the raw tables for three periods of the province and one of another, each
 * compared with the figures the dashboard reads.
 */
export async function measureDashboard(options: {
  system: BenchSystem;
  ratePerSecond: number;
  requestsPerRow: number;
  log: (line: string) => void;
}): Promise<DashboardResult> {
  const { system, log } = options;
  const now = new Date();
  const periods = benchPeriods(now);
  const clients: ConsoleClient[] = [];
  const login = async (unit: string) => {
    const client = new ConsoleClient(system.web.baseUrl, 4);
    clients.push(client);
    await client.login(
      `bench.${unit.toLowerCase()}.supervisor`,
      consoleBenchIdentity.password,
      consoleBenchIdentity.totpSecret,
    );
    return client;
  };
  try {
    const big = await login(bigUnit);
    const other = await login(otherProvince);
    const commune = await biggestCommune(system.db, bigUnit);
    const { lastMonth, lastQuarter, lastYear, thisMonth, custom } = periods;
    const q = `unit=${bigUnit}&period=quarter&year=${lastQuarter.year}&quarter=${lastQuarter.quarter}`;
    const kinds: { name: string; client: ConsoleClient; path: string }[] = [
      {
        name: `${bigUnit} month`,
        client: big,
        path: `/console/dashboard?unit=${bigUnit}&period=month&year=${lastMonth.year}&month=${lastMonth.month}`,
      },
      { name: `${bigUnit} quarter`, client: big, path: `/console/dashboard?${q}` },
      {
        name: `${bigUnit} year`,
        client: big,
        path: `/console/dashboard?unit=${bigUnit}&period=year&year=${lastYear.year}`,
      },
      {
        name: `${bigUnit} this month (running)`,
        client: big,
        path: `/console/dashboard?unit=${bigUnit}&period=month&year=${thisMonth.year}&month=${thisMonth.month}`,
      },
      {
        name: `${bigUnit} custom 90 days`,
        client: big,
        path: `/console/dashboard?unit=${bigUnit}&period=custom&from=${custom.first}&to=${custom.last}`,
      },
      {
        name: `${bigUnit} quarter, category=theft`,
        client: big,
        path: `/console/dashboard?${q}&category=theft`,
      },
      {
        name: `${bigUnit} quarter, channel=zalo_oa`,
        client: big,
        path: `/console/dashboard?${q}&channel=zalo_oa`,
      },
      {
        name: `${bigUnit} quarter, kind=trafficking`,
        client: big,
        path: `/console/dashboard?${q}&kind=trafficking`,
      },
      {
        name: `${otherProvince} quarter`,
        client: other,
        path: `/console/dashboard?unit=${otherProvince}&period=quarter&year=${lastQuarter.year}&quarter=${lastQuarter.quarter}`,
      },
      {
        name: `commune ${commune} month`,
        client: big,
        path: `/console/dashboard?unit=${commune}&period=month&year=${lastMonth.year}&month=${lastMonth.month}`,
      },
      {
        name: `${bigUnit} quarter, drill-down of the denominator`,
        client: big,
        path: `/console/dashboard/reports?${q}&figure=resolution_rate&side=denominator`,
      },
    ];
    for (const kind of kinds) {
      const answer = await kind.client.get(kind.path);
      if (answer.status !== 200)
        throw new Error(`${kind.path} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
    }
    log(
      `  ${kinds.length} kinds, each ${options.requestsPerRow} requests at ${options.ratePerSecond}/s, as supervisors of ${bigUnit} and ${otherProvince}`,
    );
    const pages: DashboardPageResult[] = [];
    for (const kind of kinds) {
      const samples = await openLoop(
        options.ratePerSecond,
        options.requestsPerRow,
        async () => (await kind.client.get(kind.path)).status,
      );
      const failures: Record<string, number> = {};
      for (const s of samples) if (s.status !== 200) failures[s.status] = (failures[s.status] ?? 0) + 1;
      const latency = summariseLatencies(samples.filter((s) => s.status === 200).map((s) => s.ms));
      log(`    ${kind.name}: p50 ${latency.p50Ms}, p95 ${latency.p95Ms}, p99 ${latency.p99Ms} ms`);
      pages.push({ name: kind.name, path: kind.path, latency, failures });
    }

    const exports: DashboardExportResult[] = [];
    const month = `unit=${bigUnit}&period=month&year=${lastMonth.year}&month=${lastMonth.month}`;
    const year = `unit=${bigUnit}&period=year&year=${lastYear.year}`;
    for (const [name, path] of [
      ['month CSV', `/console/dashboard/export.csv?${month}`],
      ['month XLSX', `/console/dashboard/export.xlsx?${month}`],
      ['month PDF', `/console/dashboard/report.pdf?${month}`],
      ['year CSV', `/console/dashboard/export.csv?${year}`],
      ['year XLSX', `/console/dashboard/export.xlsx?${year}`],
    ] as const) {
      const result = await measureDownload(big, system.web.pid, name, path);
      log(
        `    export ${name}: ${result.status}, ${(result.bytes / 1e6).toFixed(1)} MB in ${result.seconds} s, web RSS ${result.webRssBeforeMb} → peak ${result.webRssPeakMb} MB`,
      );
      exports.push(result);
    }

    const audit: DashboardAuditResult[] = [];
    for (const [unit, label, period] of [
      [bigUnit, `month ${lastMonth.year}-${lastMonth.month}`, lastMonth.period],
      [bigUnit, `quarter ${lastQuarter.year} Q${lastQuarter.quarter}`, lastQuarter.period],
      [bigUnit, `year ${lastYear.year}`, lastYear.period],
      [otherProvince, `quarter ${lastQuarter.year} Q${lastQuarter.quarter}`, lastQuarter.period],
    ] as const) {
      const result = await compareWithAudit(system.db, unit, period, now);
      log(
        `    docs/audit.md on ${unit} ${label}: ${result.blocks} blocks, ${result.mismatches.length === 0 ? 'all equal' : `different: ${result.mismatches.join(', ')}`}`,
      );
      audit.push({ unit, period: label, ...result });
    }
    const { rows } = await system.db.query<{ reports: string; quarter: string }>(
      `WITH RECURSIVE subtree AS (SELECT id FROM police_unit WHERE id = $1
         UNION ALL SELECT u.id FROM police_unit u JOIN subtree s ON u.parent_id = s.id)
       SELECT count(*) AS reports,
              count(*) FILTER (WHERE submitted_at >= $2 AND submitted_at < $3) AS quarter
         FROM report WHERE unit_id IN (SELECT id FROM subtree)`,
      [bigUnit, lastQuarter.period.from, lastQuarter.period.to],
    );
    return {
      supervisor: `bench.${bigUnit.toLowerCase()}.supervisor`,
      unit: { id: bigUnit, reports: Number(rows[0]?.reports), quarterReports: Number(rows[0]?.quarter) },
      ratePerSecond: options.ratePerSecond,
      requestsPerRow: options.requestsPerRow,
      pages,
      exports,
      audit,
    };
  } finally {
    for (const client of clients) client.close();
  }
}

/** The commune of the province with the most reports. */
async function biggestCommune(db: pg.Pool, province: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT r.unit_id AS id FROM report r JOIN police_unit u ON u.id = r.unit_id
      WHERE u.parent_id = $1 GROUP BY r.unit_id ORDER BY count(*) DESC LIMIT 1`,
    [province],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error(`${province} has no commune with reports`);
  return id;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function measureDownload(
  client: ConsoleClient,
  pid: number,
  name: string,
  path: string,
): Promise<DashboardExportResult> {
  const before = rssMb(pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 50);
  const began = performance.now();
  try {
    const { status, bytes } = await client.download(path);
    const seconds = Math.round((performance.now() - began) / 100) / 10;
    return {
      name,
      path,
      status,
      bytes,
      seconds,
      webRssBeforeMb: before,
      webRssPeakMb: Math.max(peak, rssMb(pid)),
    };
  } finally {
    clearInterval(sampler);
  }
}

/** Runs every docs/audit.md block for the unit and period and compares it with readFigures. */
async function compareWithAudit(
  db: pg.Pool,
  unit: string,
  period: FigurePeriod,
  now: Date,
): Promise<{ blocks: number; mismatches: string[] }> {
  const figures = await readFigures(db, await unitFigureScope(db, unit, period), now);
  const blocks = auditBlocks({ unit, period });
  const mismatches: string[] = [];
  for (const block of blocks) {
    const { rows } = await db.query(block.sql);
    const { recounted, dashboard } = auditComparison(block, rows, figures);
    if (JSON.stringify(recounted) !== JSON.stringify(dashboard))
      mismatches.push(`${block.what} ${block.name}`);
  }
  return { blocks: blocks.length, mismatches };
}
