import { beforeAll, describe, expect, it } from 'vitest';
import { durationFigureNames } from '../../../src/supervision/figures/duration-figures.ts';
import { monthPeriod } from '../../../src/supervision/figures/figure-period.ts';
import { type FigureScope, unitFigureScope } from '../../../src/supervision/figures/figure-scope.ts';
import { rateFigureNames } from '../../../src/supervision/figures/rate-figures.ts';
import { type FigureList, readFigureReports } from '../../../src/supervision/figures/read-figure-reports.ts';
import { readFigures } from '../../../src/supervision/figures/read-figures.ts';
import { usePrivateDatabase } from '../../support/use-private-database.ts';
import { novemberFigures } from './expected-figures.ts';
import { insertSeedReports, units } from './figure-seed.ts';

const database = usePrivateDatabase({ pool: 2 });
const november = monthPeriod(2026, 11);
let ids = new Map<string, string>();
let scope: FigureScope;

beforeAll(async () => {
  ids = await insertSeedReports(database.pool);
  scope = await unitFigureScope(database.pool, units.P, november);
});

/** Every id of a list, page after page. */
async function listAll(target: FigureScope, list: FigureList): Promise<{ ids: string[]; pages: number }> {
  const all: string[] = [];
  let after: string | undefined;
  for (let pages = 1; ; pages++) {
    const page = await readFigureReports(database.pool, target, list, { after });
    all.push(...page.reports.map((r) => r.id));
    if (page.next === null) return { ids: all, pages };
    after = page.next;
  }
}

const idsOf = (keys: string[]) => keys.map((k) => ids.get(k) ?? `missing ${k}`).sort();

describe('readFigureReports', () => {
  it('lists exactly the hand-worked reports of each side of each figure', { timeout: 30_000 }, async () => {
    for (const figure of rateFigureNames) {
      for (const side of ['numerator', 'denominator'] as const) {
        const listed = await listAll(scope, { figure, side });
        expect(listed.ids, `${figure} ${side}`).toEqual(idsOf(novemberFigures[figure][side]));
      }
    }
  });

  it('lists the reports a time figure covers, as many as it counts', { timeout: 30_000 }, async () => {
    const figures = await readFigures(database.pool, scope);
    for (const figure of durationFigureNames) {
      const listed = await listAll(scope, { figure, side: 'population' });
      expect(listed.ids.length, figure).toBe(figures.durations[figure].count);
    }
    const accepted = await listAll(scope, { figure: 'time_to_accept', side: 'population' });
    expect(accepted.ids).toEqual(idsOf(['b4', 'b5', 'b6', 'b7', 'b13', 'b14', 't4']));
  });

  it('shows what an auditor needs to find each report', { timeout: 30_000 }, async () => {
    const page = await readFigureReports(
      database.pool,
      scope,
      { figure: 'resolution_rate', side: 'numerator' },
      {},
    );
    const b1 = page.reports.find((r) => r.id === ids.get('b1'));
    expect(b1).toMatchObject({
      registerNumber: 'FIG-2026-000012',
      unitId: units.P,
      category: 'theft',
      status: 'closed',
      decidedAt: new Date('2026-11-10T02:00:00Z'),
    });
  });

  it('pages 100 at a time by id, each report once', { timeout: 60_000 }, async () => {
    await database.pool.query(
      `INSERT INTO police_unit (id, name, level, province_code) VALUES ('PROV-T3', 'Công an tỉnh T3', 'province', 'T3')`,
    );
    await database.pool.query(
      `INSERT INTO report (id, kind, channel, reporter_id, anonymity, register, register_year, register_seq,
         register_number, receipt_code_hash, language, category, description, submitted_at, unit_id)
       SELECT gen_random_uuid(), 'crime_tip', 'telegram', (SELECT reporter_id FROM report LIMIT 1), 'anonymous', 'PAGE', 2026, g,
         'PAGE-2026-' || g, 'page-' || g, 'vi', 'theft', 'x', '2026-11-10T02:00:00Z'::timestamptz + g * interval '1 minute', 'PROV-T3'
       FROM generate_series(1, 250) g`,
    );
    const paged = { ...scope, units: ['PROV-T3'] };
    const first = await readFigureReports(
      database.pool,
      paged,
      { figure: 'intake_completeness', side: 'denominator' },
      {},
    );
    expect(first.reports).toHaveLength(100);
    const listed = await listAll(paged, { figure: 'intake_completeness', side: 'denominator' });
    expect(listed.pages).toBe(3);
    expect(new Set(listed.ids).size).toBe(250);
    expect(listed.ids).toEqual([...listed.ids].sort());
    // None classified: the numerator is empty, and so is its one page.
    expect(await listAll(paged, { figure: 'intake_completeness', side: 'numerator' })).toEqual({
      ids: [],
      pages: 1,
    });
    // An `after` that is no id starts from the beginning instead of failing.
    const odd = await readFigureReports(
      database.pool,
      paged,
      { figure: 'intake_completeness', side: 'denominator' },
      { after: "x' OR 1=1" },
    );
    expect(odd.reports[0]?.id).toBe(listed.ids[0]);
  });
});
