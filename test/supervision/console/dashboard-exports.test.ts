import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthPeriod } from '../../../src/supervision/figures/figure-period.ts';
import { unitFigureScope } from '../../../src/supervision/figures/figure-scope.ts';
import { rateFigures } from '../../../src/supervision/figures/rate-figures.ts';
import { readFigureReports } from '../../../src/supervision/figures/read-figure-reports.ts';
import { showsPhone } from '../../support/access-matrix-world.ts';
import type { ConsoleClient } from '../../support/console-client.ts';
import { type ConsoleHarness, startConsoleHarness } from '../../support/console-harness.ts';
import { insertSeedReports, seedReports, units } from '../figures/figure-seed.ts';
import { fetchFile } from './dashboard-fetch.ts';

let harness: ConsoleHarness;
let supervisor: ConsoleClient;
/** Hà Nội's province, whose commune 00004 the confidential tip lands in. */
let hanoi: ConsoleClient;
const phone = '0912 345 678';
const november = `unit=${units.P}&period=month&year=2026&month=11`;
const dir = mkdtempSync(join(tmpdir(), 'dashboard-exports-'));
let tipRegister = '';

beforeAll(async () => {
  harness = await startConsoleHarness();
  await insertSeedReports(harness.pool, [
    ...seedReports,
    // A category a spreadsheet would run as a formula.
    {
      key: 'f1',
      unit: 'P',
      category: '=HYPERLINK("http://evil.example")',
      status: 'submitted',
      submitted: '11-21 09:00',
    },
  ]);
  const [tip = ''] = await harness.seedReports(1, {
    provinceCode: '01',
    wardCode: '00004',
    anonymity: 'confidential',
    phone,
    description: 'Có người bán ma tuý ở ngõ 5',
  });
  const found = await harness.pool.query<{ register_number: string }>(
    'SELECT register_number FROM report WHERE id = $1',
    [tip],
  );
  tipRegister = found.rows[0]?.register_number ?? '';
  supervisor = await harness.login(
    await harness.enrol({ username: 'exp-supervisor', role: 'supervisor', unitId: units.P }),
  );
  hanoi = await harness.login(
    await harness.enrol({ username: 'exp-hanoi', role: 'supervisor', unitId: 'PROV-01' }),
  );
}, 60_000);
afterAll(async () => {
  await harness?.stop();
});

const auditRows = async () =>
  (
    await harness.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_entry WHERE action = 'figures.export'",
    )
  ).rows[0]?.n;

describe('the dashboard exports', () => {
  it('streams the period’s reports as CSV with a BOM, each once, formula cells guarded, and audits it', {
    timeout: 30_000,
  }, async () => {
    const before = await auditRows();
    const file = await fetchFile(supervisor, `/console/dashboard/export.csv?${november}`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('text/csv; charset=utf-8');
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = file.bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toMatch(/^report_id,register_number,unit_id,category,status,/);
    const scope = await unitFigureScope(harness.pool, units.P, monthPeriod(2026, 11));
    const ids = async (list: Parameters<typeof readFigureReports>[2]) =>
      (await readFigureReports(harness.pool, scope, list, {})).reports.map((r) => r.id);
    const expected = new Set([
      ...(await ids({ figure: 'classified_within_24h', side: 'denominator' })),
      ...(await ids({ figure: 'resolution_rate', side: 'denominator' })),
    ]);
    const listed = lines.slice(1).map((l) => l.split(',')[0]);
    expect(listed.sort()).toEqual([...expected].sort());
    expect(file.bytes.toString('utf8')).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(Object.keys(rateFigures).every((name) => lines[0]?.includes(`${name}_numerator`))).toBe(true);
    expect(await auditRows()).toBe((before ?? 0) + 1);
  });

  it('writes an XLSX that unzip reads back whole', { timeout: 30_000 }, async () => {
    const file = await fetchFile(supervisor, `/console/dashboard/export.xlsx?${november}`);
    expect(file.status).toBe(200);
    const path = join(dir, 'figures.xlsx');
    writeFileSync(path, file.bytes);
    expect(() => execFileSync('unzip', ['-tq', path])).not.toThrow();
    const sheet = execFileSync('unzip', ['-p', path, 'xl/worksheets/sheet1.xml']).toString('utf8');
    expect(sheet).toContain('FIG-2026-000001');
  });

  it('writes the monthly PDF whose text holds the headline in Vietnamese format', {
    timeout: 30_000,
  }, async () => {
    const file = await fetchFile(supervisor, `/console/dashboard/report.pdf?${november}`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/pdf');
    const path = join(dir, 'report.pdf');
    writeFileSync(path, file.bytes);
    const text = execFileSync('pdftotext', ['-layout', path, '-']).toString('utf8');
    expect(text).toContain('Tỷ lệ giải quyết');
    expect(text).toContain('28,6% (4/14)');
    expect(text).toContain('Công an xã T1');
  });

  it('never puts a confidential reporter’s phone in any export', { timeout: 30_000 }, async () => {
    const thisMonth = 'unit=PROV-01';
    const csv = await fetchFile(hanoi, `/console/dashboard/export.csv?${thisMonth}`);
    expect(csv.bytes.toString('utf8')).toContain(tipRegister);
    const xlsx = await fetchFile(hanoi, `/console/dashboard/export.xlsx?${thisMonth}`);
    const path = join(dir, 'hanoi.xlsx');
    writeFileSync(path, xlsx.bytes);
    const sheet = execFileSync('unzip', ['-p', path, 'xl/worksheets/sheet1.xml']).toString('utf8');
    expect(sheet).toContain(tipRegister);
    const pdf = await fetchFile(hanoi, `/console/dashboard/report.pdf?${thisMonth}`);
    writeFileSync(join(dir, 'hanoi.pdf'), pdf.bytes);
    const text = execFileSync('pdftotext', [join(dir, 'hanoi.pdf'), '-']).toString('utf8');
    expect(text).toContain('Tỷ lệ giải quyết');
    for (const content of [csv.bytes.toString('utf8'), sheet, text]) {
      expect(showsPhone(content, phone)).toBe(false);
      expect(content).not.toContain('ma tuý');
    }
  });
});
