import { beforeAll, describe, expect, it } from 'vitest';
import { monthPeriod } from '../../../src/supervision/figures/figure-period.ts';
import { unitFigureScope } from '../../../src/supervision/figures/figure-scope.ts';
import { readFigures } from '../../../src/supervision/figures/read-figures.ts';
import { auditBlocks } from '../../support/audit-blocks.ts';
import { usePrivateDatabase } from '../../support/use-private-database.ts';

const database = usePrivateDatabase({ pool: 2 });
const november = monthPeriod(2026, 11);
const unit = 'PROV-IC';
const elsewhere = 'PROV-IO';

/**
 * The register part of intake completeness is counted two ways: where the stretch of the register
 * a scope's reports span has no gap, by one count of it; elsewhere report by report. Both must give
 * what docs/audit.md's per-report recount gives, whatever a direct change did to the register.
 */
async function insertReport(seq: number, unitId: string) {
  await database.pool.query(
    `INSERT INTO report (id, kind, channel, reporter_id, anonymity, status, register, register_year, register_seq,
       register_number, receipt_code_hash, language, category, description, submitted_at, triaged_at, unit_id,
       classified_at, classification)
     SELECT gen_random_uuid(), 'crime_tip', 'telegram', r.id, 'anonymous', 'classified', 'ICT', 2026, $1::int,
       'ICT-2026-' || lpad($1::int::text, 6, '0'), 'ict-' || gen_random_uuid(), 'vi', 'theft', 'x',
       $2::timestamptz, $2::timestamptz, $3, $2::timestamptz + interval '1 hour', 'in_competence'
     FROM reporter r LIMIT 1`,
    [seq, new Date(november.from.getTime() + seq * 3_600_000), unitId],
  );
}

async function counted(): Promise<{ figure: [number, number]; audit: [number, number] }> {
  const figures = await readFigures(database.pool, await unitFigureScope(database.pool, unit, november));
  const block = auditBlocks({ unit, period: november }).find(
    (b) => b.what === 'figure' && b.name === 'intake_completeness',
  );
  const { rows } = await database.pool.query(block?.sql ?? 'SELECT');
  const rate = figures.rates.intake_completeness;
  return {
    figure: [rate.numerator, rate.denominator],
    audit: [Number(rows[0]?.numerator), Number(rows[0]?.denominator)],
  };
}

beforeAll(async () => {
  await database.pool.query(
    `INSERT INTO police_unit (id, name, level, province_code, ward_code, parent_id) VALUES
       ($1, 'Công an tỉnh IC', 'province', 'IC', NULL, NULL), ($2, 'Công an tỉnh IO', 'province', 'IO', NULL, NULL)`,
    [unit, elsewhere],
  );
  await database.pool.query(
    `INSERT INTO reporter (id, channel, identity_hash, chat_id_enc) VALUES (gen_random_uuid(), 'telegram', 'ict', '\\x00')`,
  );
  for (const seq of [1, 2, 3, 4, 5]) await insertReport(seq, unit);
});

describe('intake completeness, the register part', () => {
  it('counts every report of a gap-free register complete, as the recount does', async () => {
    expect(await counted()).toEqual({ figure: [5, 5], audit: [5, 5] });
  });

  it('counts the report after a deleted number incomplete, as the recount does', async () => {
    await database.pool.query(`DELETE FROM report WHERE register = 'ICT' AND register_seq = 3`);
    expect(await counted()).toEqual({ figure: [3, 4], audit: [3, 4] });
  });

  it('is not fooled by a number below 1 making up the count', async () => {
    await insertReport(0, unit);
    expect(await counted()).toEqual({ figure: [3, 5], audit: [3, 5] });
  });

  it("counts a number held by another unit's report as there, as the recount does", async () => {
    await insertReport(3, elsewhere);
    expect(await counted()).toEqual({ figure: [4, 5], audit: [4, 5] });
  });
});
