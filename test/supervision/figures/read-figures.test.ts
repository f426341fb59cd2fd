import { beforeAll, describe, expect, it } from 'vitest';
import { monthPeriod } from '../../../src/supervision/figures/figure-period.ts';
import { type FigureScope, unitFigureScope } from '../../../src/supervision/figures/figure-scope.ts';
import { rateFigureNames } from '../../../src/supervision/figures/rate-figures.ts';
import { readFigures } from '../../../src/supervision/figures/read-figures.ts';
import { usePrivateDatabase } from '../../support/use-private-database.ts';
import { novemberFigures } from './expected-figures.ts';
import { insertSeedReports, units, vn } from './figure-seed.ts';

const database = usePrivateDatabase({ pool: 2 });
const november = monthPeriod(2026, 11);
const counted = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : numerator / denominator,
});

beforeAll(async () => {
  await insertSeedReports(database.pool);
});

describe('readFigures', () => {
  it('counts every figure of a province and its communes as worked by hand', {
    timeout: 30_000,
  }, async () => {
    const scope = await unitFigureScope(database.pool, units.P, november);
    expect([...scope.units].sort()).toEqual([units.P, units.C]);
    const figures = await readFigures(database.pool, scope);
    for (const name of rateFigureNames) {
      const expected = novemberFigures[name];
      expect(figures.rates[name], name).toEqual(
        counted(expected.numerator.length, expected.denominator.length),
      );
    }
    expect(figures.rates.resolution_rate.rate).toBeCloseTo(4 / 14);
    expect(figures.rates.resolution_rate_with_suspensions.rate).toBeCloseTo(6 / 12);
  });

  it('sums the times to accept and to decide of the steps taken in the period', {
    timeout: 30_000,
  }, async () => {
    const figures = await readFigures(database.pool, await unitFigureScope(database.pool, units.P, november));
    // Accepted in November after 0.75 (b14), 1 (b4, b5, b7), 1.25 (b13), 1.5 (b6) and 3 days (t4).
    expect(figures.durations.time_to_accept).toEqual({
      count: 7,
      p50Days: 1,
      p90Days: 3,
      histogram: [
        { day: 0, count: 1 },
        { day: 1, count: 5 },
        { day: 3, count: 1 },
      ],
    });
    // Decided in November 18, 23, 36 and 81 days after receipt.
    expect(figures.durations.time_to_decide).toEqual({
      count: 4,
      p50Days: 23,
      p90Days: 81,
      histogram: [18, 23, 36, 81].map((day) => ({ day, count: 1 })),
    });
  });

  it('counts a commune alone, and never another province', { timeout: 30_000 }, async () => {
    const commune = await readFigures(database.pool, await unitFigureScope(database.pool, units.C, november));
    // a4, a5, a10, b6, b7, b13, t6 of 8 (t3 never classified).
    expect(commune.rates.classified_within_24h).toEqual(counted(7, 8));
    // b6, b7, b13 to resolve, none decided.
    expect(commune.rates.resolution_rate).toEqual(counted(0, 3));
    const other = await readFigures(database.pool, await unitFigureScope(database.pool, units.O, november));
    // b18: accepted in October, decided in November; o2 submitted and classified.
    expect(other.rates.resolution_rate).toEqual(counted(1, 1));
    expect(other.rates.classified_within_24h).toEqual(counted(1, 1));
  });

  it('filters by category, channel and kind', { timeout: 30_000 }, async () => {
    const read = async (filters: Partial<FigureScope>) =>
      readFigures(database.pool, {
        ...(await unitFigureScope(database.pool, units.P, november)),
        ...filters,
      });
    const fraud = await read({ category: 'fraud' });
    expect(fraud.rates.classified_within_24h).toEqual(counted(3, 3)); // a7, b4, b6
    expect(fraud.rates.resolution_rate).toEqual(counted(1, 2)); // b4 of b4, b6
    const zalo = await read({ channel: 'zalo_oa' });
    expect(zalo.rates.classified_within_24h).toEqual(counted(2, 2)); // a4, b7
    const traffickingOnly = await read({ kind: 'trafficking' });
    expect(traffickingOnly.rates.classified_within_24h).toEqual(counted(4, 5));
    expect(traffickingOnly.rates.resolution_rate).toEqual(counted(1, 1)); // t4
    expect(traffickingOnly.rates.trafficking_handled).toEqual(counted(3, 5));
    const crimeTips = await read({ kind: 'crime_tip' });
    expect(crimeTips.rates.trafficking_classified).toEqual(counted(0, 0));
    expect(crimeTips.rates.resolution_rate).toEqual(counted(3, 13));
  });

  it('ends a period still running at the moment of reading', { timeout: 30_000 }, async () => {
    const december = monthPeriod(2026, 12);
    const now = vn('12-07 12:00');
    const figures = await readFigures(
      database.pool,
      await unitFigureScope(database.pool, units.P, december),
      now,
    );
    expect(figures.period.end).toEqual(now);
    // Open on 7 December: b3, b6, b7, b8, b9, b10, b12, b13, b14, b15 (b5 decided on the 2nd).
    // Past their limit then: b3, b6, b7 (5 December), b10; b14, b15, b13 and b12 fall due later.
    expect(figures.rates.overdue_rate).toEqual(counted(4, 10));
    // a6 (submitted at midnight on 1 December) is December's.
    expect(figures.rates.classified_within_24h).toEqual(counted(1, 1));
  });
});
