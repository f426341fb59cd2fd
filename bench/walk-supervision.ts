import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { BenchSystem } from './bench-system.ts';
import { consoleBenchIdentity } from './console-bench-identity.ts';
import { ConsoleClient } from './console-client.ts';
import { benchPeriods } from './measure-dashboard.ts';
import { sealLedger } from './seal-ledger.ts';

export interface LedgerRun {
  exitCode: number;
  line: string;
  seconds: number;
}

export interface SupervisionWalk {
  unit: string;
  quarter: string;
  /** The headline as the page shows it, and the counts its links name. */
  headline: string;
  denominator: number;
  /** Reports listed by following the denominator's drill-down to its last page, and the pages. */
  listed: number;
  listPages: number;
  listSeconds: number;
  exports: { name: string; status: number; bytes: number; signature: string; seconds: number }[];
  /** The closing of the quarter: the answer, where it led, and how long it took. */
  close: { status: number; location: string | null; seconds: number };
  /** Sealing what the generator left unsealed (every register line and event), then verifying. */
  sealed: { entries: number; seconds: number };
  intact: LedgerRun;
  /** The register number changed by a direct UPDATE, and what the verification said then. */
  tampered: { registerNumber: string; run: LedgerRun; named: boolean };
}

/**
 * The walk issue 19 is done by, on the generated data through the real web process: the
 * supervisor of the big province reads the resolution rate of the last complete quarter, follows
 * the drill-down of its denominator to the last page (the list has as many reports as the
 * figure), exports the quarter's last month as XLSX and PDF, and closes the quarter. Then the
 * ledger seals every register line and status event, `npm run ledger:verify` says it is intact, a
 * direct UPDATE back-dates one report by a day, and the verification names that row.
 */
export async function walkSupervision(options: {
  system: BenchSystem;
  projectRoot: string;
  environment: Record<string, string>;
  log: (line: string) => void;
}): Promise<SupervisionWalk> {
  const { system, log } = options;
  const unit = 'PROV-01';
  const { lastQuarter } = benchPeriods(new Date());
  const client = new ConsoleClient(system.web.baseUrl, 2);
  try {
    await client.login(
      `bench.${unit.toLowerCase()}.supervisor`,
      consoleBenchIdentity.password,
      consoleBenchIdentity.totpSecret,
    );
    const scope = `unit=${unit}&period=quarter&year=${lastQuarter.year}&quarter=${lastQuarter.quarter}`;
    const page = await client.get(`/console/dashboard?${scope}`);
    const headline = /data-headline>([^<]+)</.exec(page.body)?.[1]?.trim() ?? '';
    const denominatorLink = /href="([^"]+)" data-denominator>([^<]+)</.exec(page.body);
    if (page.status !== 200 || !denominatorLink?.[1])
      throw new Error(`the quarter's dashboard answered ${page.status} without a denominator link`);
    const denominator = Number((denominatorLink[2] ?? '').replace(/\D/g, ''));
    log(
      `  ${unit} ${lastQuarter.year} Q${lastQuarter.quarter}: resolution rate ${headline}, to resolve ${denominator}`,
    );

    const listBegan = performance.now();
    let next: string | null = unescapeHtml(denominatorLink[1]);
    let listed = 0;
    let listPages = 0;
    while (next) {
      const list = await client.get(next);
      if (list.status !== 200) throw new Error(`${next} answered ${list.status}`);
      listed += list.body.split('data-report="').length - 1;
      listPages++;
      const link = /rel="next" href="([^"]+)"/.exec(list.body)?.[1];
      next = link ? unescapeHtml(link) : null;
    }
    const listSeconds = Math.round((performance.now() - listBegan) / 100) / 10;
    log(`  drill-down of the denominator: ${listed} reports on ${listPages} pages in ${listSeconds} s`);

    const lastMonth = lastQuarter.quarter * 3;
    const month = `unit=${unit}&period=month&year=${lastQuarter.year}&month=${lastMonth}`;
    const exports: SupervisionWalk['exports'] = [];
    for (const [name, path] of [
      ['XLSX', `/console/dashboard/export.xlsx?${month}`],
      ['PDF', `/console/dashboard/report.pdf?${month}`],
    ] as const) {
      const began = performance.now();
      const file = await client.download(path);
      const seconds = Math.round((performance.now() - began) / 100) / 10;
      exports.push({
        name,
        status: file.status,
        bytes: file.bytes,
        signature: file.head.toString('latin1', 0, 4),
        seconds,
      });
      log(
        `  month ${name}: ${file.status}, ${file.bytes} bytes (${JSON.stringify(file.head.toString('latin1', 0, 4))}) in ${seconds} s`,
      );
    }

    const periods = await client.get('/console/periods');
    const closeBegan = performance.now();
    const closed = await client.post(
      '/console/periods/close',
      { unit, kind: 'quarter', year: String(lastQuarter.year), number: String(lastQuarter.quarter) },
      periods.body,
    );
    const close = {
      status: closed.status,
      location: closed.location,
      seconds: Math.round((performance.now() - closeBegan) / 100) / 10,
    };
    log(`  close the quarter: ${close.status} → ${close.location} in ${close.seconds} s`);

    const sealBegan = performance.now();
    const entries = await sealLedger(system.db, 20_000);
    const sealed = { entries, seconds: Math.round((performance.now() - sealBegan) / 1000) };
    log(`  ledger sealed ${entries} entries in ${sealed.seconds} s`);
    const verify = () => runLedgerVerify(options.projectRoot, system.databaseUrl, options.environment);
    const intact = await verify();
    log(`  ledger:verify → ${intact.exitCode}: ${intact.line} (${intact.seconds} s)`);
    // Back-dating a tip by a day, as someone with database access might.
    const { rows } = await system.db.query<{ register_number: string }>(
      `UPDATE report SET submitted_at = submitted_at - interval '1 day'
        WHERE id = (SELECT id FROM report WHERE unit_id = $1 ORDER BY submitted_at DESC OFFSET 1000 LIMIT 1)
        RETURNING register_number`,
      [unit],
    );
    const registerNumber = rows[0]?.register_number ?? '';
    const run = await verify();
    const named = run.line.includes(registerNumber);
    log(`  after a direct UPDATE of ${registerNumber}: ${run.exitCode}: ${run.line} (${run.seconds} s)`);
    return {
      unit,
      quarter: `${lastQuarter.year} Q${lastQuarter.quarter}`,
      headline,
      denominator,
      listed,
      listPages,
      listSeconds,
      exports,
      close,
      sealed,
      intact,
      tampered: { registerNumber, run, named },
    };
  } finally {
    client.close();
  }
}

function unescapeHtml(text: string): string {
  return text.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'");
}

async function runLedgerVerify(
  projectRoot: string,
  databaseUrl: string,
  environment: Record<string, string>,
): Promise<LedgerRun> {
  const began = performance.now();
  const result = await promisify(execFile)('npm', ['run', '--silent', 'ledger:verify'], {
    cwd: projectRoot,
    env: { ...process.env, ...environment, DATABASE_URL: databaseUrl },
    maxBuffer: 1 << 20,
  }).then(
    ({ stdout }) => ({ exitCode: 0, out: stdout }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      exitCode: typeof error.code === 'number' ? error.code : 1,
      out: `${error.stdout ?? ''}${error.stderr ?? ''}`,
    }),
  );
  return {
    exitCode: result.exitCode,
    line: result.out.trim().split('\n').at(-1) ?? '',
    seconds: Math.round((performance.now() - began) / 100) / 10,
  };
}
