import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { durationFigureNames } from '../../../src/supervision/figures/duration-figures.ts';
import { monthPeriod } from '../../../src/supervision/figures/figure-period.ts';
import { unitFigureScope } from '../../../src/supervision/figures/figure-scope.ts';
import { type RateFigureName, rateFigureNames } from '../../../src/supervision/figures/rate-figures.ts';
import { type Figures, readFigures } from '../../../src/supervision/figures/read-figures.ts';
import { usePrivateDatabase } from '../../support/use-private-database.ts';
import { insertSeedReports, units } from './figure-seed.ts';

const database = usePrivateDatabase({ pool: 2 });
const auditPage = readFileSync(new URL('../../../docs/audit.md', import.meta.url), 'utf8');

/** Every ```sql block of docs/audit.md with the figure its first line names. */
const blocks = [...auditPage.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => {
  const sql = m[1] ?? '';
  const label = /^-- (figure|histogram): (\w+)/.exec(sql);
  return { sql, what: label?.[1] ?? 'unlabelled', name: label?.[2] ?? '' };
});

let figures: Figures;

beforeAll(async () => {
  await insertSeedReports(database.pool);
  // docs/audit.md's example: PROV-T1 and its subtree, November 2026.
  figures = await readFigures(
    database.pool,
    await unitFigureScope(database.pool, units.P, monthPeriod(2026, 11)),
  );
});

describe('docs/audit.md', () => {
  it('has a labelled block for every figure and a histogram for every time figure', () => {
    expect(blocks.filter((b) => b.what === 'unlabelled')).toEqual([]);
    const named = blocks.filter((b) => b.what === 'figure').map((b) => b.name);
    expect(named.sort()).toEqual([...rateFigureNames, ...durationFigureNames].sort());
    expect(
      blocks
        .filter((b) => b.what === 'histogram')
        .map((b) => b.name)
        .sort(),
    ).toEqual([...durationFigureNames].sort());
  });

  it('recounts every figure on the raw tables to exactly what readFigures gives', {
    timeout: 30_000,
  }, async () => {
    for (const block of blocks) {
      const { rows } = await database.pool.query(block.sql);
      if (block.what === 'histogram') {
        const histogram = rows.map((r) => ({ day: Number(r.day), count: Number(r.reports) }));
        expect(histogram, block.name).toEqual(figures.durations[block.name as 'time_to_accept'].histogram);
      } else if (rateFigureNames.includes(block.name as RateFigureName)) {
        const rate = figures.rates[block.name as RateFigureName];
        expect(
          { numerator: Number(rows[0]?.numerator), denominator: Number(rows[0]?.denominator) },
          block.name,
        ).toEqual({
          numerator: rate.numerator,
          denominator: rate.denominator,
        });
        // A block that counts nothing would agree with a broken figure.
        expect(rate.numerator, block.name).toBeGreaterThan(0);
      } else {
        const duration = figures.durations[block.name as 'time_to_accept'];
        expect(
          { count: Number(rows[0]?.reports), p50: Number(rows[0]?.p50_days), p90: Number(rows[0]?.p90_days) },
          block.name,
        ).toEqual({ count: duration.count, p50: duration.p50Days, p90: duration.p90Days });
      }
    }
  });
});
