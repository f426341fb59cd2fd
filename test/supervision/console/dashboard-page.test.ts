import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRate } from '../../../src/supervision/console/figure-format.ts';
import { monthPeriod } from '../../../src/supervision/figures/figure-period.ts';
import { unitFigureScope } from '../../../src/supervision/figures/figure-scope.ts';
import { rateFigureNames } from '../../../src/supervision/figures/rate-figures.ts';
import { readFigureReports } from '../../../src/supervision/figures/read-figure-reports.ts';
import { readFigures } from '../../../src/supervision/figures/read-figures.ts';
import type { ConsoleClient } from '../../support/console-client.ts';
import { type ConsoleHarness, startConsoleHarness } from '../../support/console-harness.ts';
import { insertSeedReports, units } from '../figures/figure-seed.ts';
import { figureRow, listedIds } from './dashboard-fetch.ts';

let harness: ConsoleHarness;
let supervisor: ConsoleClient;
let lead: ConsoleClient;
const november = 'period=month&year=2026&month=11';

beforeAll(async () => {
  harness = await startConsoleHarness();
  await insertSeedReports(harness.pool);
  const enrol = (
    username: string,
    role: 'supervisor' | 'unit_lead' | 'officer' | 'admin',
    unitId: string | null,
  ) => harness.enrol({ username, role, unitId });
  supervisor = await harness.login(await enrol('dash-supervisor', 'supervisor', units.P));
  lead = await harness.login(await enrol('dash-lead', 'unit_lead', units.C));
}, 60_000);
afterAll(async () => {
  await harness?.stop();
});

describe('the supervisor dashboard', () => {
  it('shows every rate of a province and its commune as readFigures counts them, with the strict headline', {
    timeout: 30_000,
  }, async () => {
    const page = await supervisor.get(`/console/dashboard?unit=${units.P}&${november}`);
    expect(page.status).toBe(200);
    const scope = await unitFigureScope(harness.pool, units.P, monthPeriod(2026, 11));
    const figures = await readFigures(harness.pool, scope);
    for (const name of rateFigureNames) {
      const { numerator, denominator, rate } = figures.rates[name];
      const row = figureRow(page.body, name);
      expect(row.cells.slice(0, 3), name).toEqual([
        String(numerator),
        String(denominator),
        formatRate(rate, 'vi'),
      ]);
    }
    // 4 of 14, by the hand count of figure-seed.ts, in Vietnamese.
    expect(/data-headline>([^<]+)</.exec(page.body)?.[1]).toBe('28,6%');
    expect(page.body).toContain('Tính chặt');
    expect(figureRow(page.body, 'resolution_rate').cells[3]).toBe('&gt; 90,0%');
    // The commune's own bar: its rate in the per-unit table, as read for its scope alone.
    const commune = await readFigures(
      harness.pool,
      await unitFigureScope(harness.pool, units.C, monthPeriod(2026, 11)),
    );
    const { numerator, denominator } = commune.rates.resolution_rate;
    expect(page.body).toContain(
      `<title>Công an xã T1: ${formatRate(numerator / denominator, 'vi')} (${numerator}/${denominator})</title>`,
    );
    expect(page.body).not.toMatch(/style=|<script/);
  });

  it('lists, behind a numerator and a denominator, exactly the reports readFigureReports gives', {
    timeout: 30_000,
  }, async () => {
    const page = await supervisor.get(`/console/dashboard?unit=${units.P}&${november}`);
    const scope = await unitFigureScope(harness.pool, units.P, monthPeriod(2026, 11));
    for (const figure of ['resolution_rate', 'classified_within_24h', 'overdue_rate'] as const) {
      const [numeratorLink, denominatorLink] = figureRow(page.body, figure).links;
      for (const [side, link] of [
        ['numerator', numeratorLink],
        ['denominator', denominatorLink],
      ] as const) {
        const listed = await supervisor.get(link ?? '');
        expect(listed.status, `${figure} ${side}`).toBe(200);
        const expected = await readFigureReports(harness.pool, scope, { figure, side }, {});
        expect(listedIds(listed.body), `${figure} ${side}`).toEqual(expected.reports.map((r) => r.id));
        expect(expected.reports.length).toBeGreaterThan(0);
      }
    }
  });

  it('answers 404 for a unit outside the user’s scope, and 400 for a month that does not exist', {
    timeout: 30_000,
  }, async () => {
    expect((await supervisor.get(`/console/dashboard?unit=${units.O}&${november}`)).status).toBe(404);
    expect(
      (
        await supervisor.get(
          `/console/dashboard/reports?unit=${units.O}&${november}&figure=resolution_rate&side=numerator`,
        )
      ).status,
    ).toBe(404);
    expect((await supervisor.get(`/console/dashboard/export.csv?unit=${units.O}&${november}`)).status).toBe(
      404,
    );
    expect((await lead.get(`/console/dashboard?unit=${units.P}&${november}`)).status).toBe(404);
    expect((await supervisor.get('/console/dashboard?period=month&year=2026&month=13')).status).toBe(400);
  });

  it('shows a unit lead its own unit only, by default for the current month', {
    timeout: 30_000,
  }, async () => {
    const page = await lead.get('/console/dashboard');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Công an xã T1');
    const november = await lead.get(`/console/dashboard?unit=${units.C}&period=month&year=2026&month=11`);
    const figures = await readFigures(harness.pool, { units: [units.C], ...monthPeriod(2026, 11) });
    const { numerator, denominator } = figures.rates.classified_within_24h;
    expect(figureRow(november.body, 'classified_within_24h').cells.slice(0, 2)).toEqual([
      String(numerator),
      String(denominator),
    ]);
  });

  it('refuses officers and admins (403)', { timeout: 30_000 }, async () => {
    const officer = await harness.login(
      await harness.enrol({ username: 'dash-officer', role: 'officer', unitId: units.C }),
    );
    const admin = await harness.login(
      await harness.enrol({ username: 'dash-admin', role: 'admin', unitId: null }),
    );
    for (const client of [officer, admin])
      for (const path of [
        '/console/dashboard',
        '/console/dashboard/reports?figure=resolution_rate&side=numerator',
        '/console/dashboard/report.pdf',
      ])
        expect((await client.get(path)).status, path).toBe(403);
  });

  it('writes the numbers and dates the English way in English', { timeout: 30_000 }, async () => {
    expect((await lead.get('/console/language?to=en&back=%2Fconsole')).status).toBe(303);
    const page = await lead.get(`/console/dashboard?unit=${units.C}&${november}`);
    expect(page.body).toContain('Resolution rate');
    expect(page.body).toContain('01/11/2026 – 30/11/2026');
    expect(figureRow(page.body, 'classified_within_24h').cells[3]).toBe('100.0%');
  });
});
