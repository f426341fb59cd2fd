import { beforeAll, describe, expect, it } from 'vitest';
import { durationFigureNames } from '../../../src/supervision/figures/duration-figures.ts';
import { monthPeriod } from '../../../src/supervision/figures/figure-period.ts';
import { unitFigureScope } from '../../../src/supervision/figures/figure-scope.ts';
import { type RateFigureName, rateFigureNames } from '../../../src/supervision/figures/rate-figures.ts';
import { type Figures, readFigures } from '../../../src/supervision/figures/read-figures.ts';
import { auditBlocks, auditComparison } from '../../support/audit-blocks.ts';
import { usePrivateDatabase } from '../../support/use-private-database.ts';
import { insertSeedReports, units } from './figure-seed.ts';

const database = usePrivateDatabase({ pool: 2 });
const blocks = auditBlocks();

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
      const { recounted, dashboard } = auditComparison(block, rows, figures);
      expect(recounted, block.name).toEqual(dashboard);
      // A block that counts nothing would agree with a broken figure.
      if (rateFigureNames.includes(block.name as RateFigureName))
        expect(figures.rates[block.name as RateFigureName].numerator, block.name).toBeGreaterThan(0);
    }
  });
});
