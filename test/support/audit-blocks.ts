import { readFileSync } from 'node:fs';
import type { FigurePeriod } from '../../src/supervision/figures/figure-period.ts';
import { type RateFigureName, rateFigureNames } from '../../src/supervision/figures/rate-figures.ts';
import type { DurationFigureValue, Figures } from '../../src/supervision/figures/read-figures.ts';

/** One ```sql block of docs/audit.md: what it recounts (a figure or a histogram) and of which name. */
export interface AuditBlock {
  sql: string;
  what: 'figure' | 'histogram' | 'unlabelled';
  name: string;
}

const auditPage = readFileSync(new URL('../../docs/audit.md', import.meta.url), 'utf8');
/** The example the page is written for: PROV-T1 and its subtree, November 2026. */
const example = { unit: 'PROV-T1', from: '2026-11-01 00:00:00+07', to: '2026-12-01 00:00:00+07' };

const literal = (at: Date) =>
  `${new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')}+07`;

/**
 * Every block of docs/audit.md, as an auditor would rewrite it for another unit and (whole-day)
 * period: the example's unit and bounds replaced, nothing else.
 */
export function auditBlocks(target?: { unit: string; period: FigurePeriod }): AuditBlock[] {
  return [...auditPage.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => {
    let sql = m[1] ?? '';
    if (target) {
      if (!/^[A-Z0-9-]+$/.test(target.unit)) throw new Error(`not a unit id: ${target.unit}`);
      sql = sql
        .replaceAll(`'${example.unit}'`, `'${target.unit}'`)
        .replaceAll(`'${example.from}'`, `'${literal(target.period.from)}'`)
        .replaceAll(`'${example.to}'`, `'${literal(target.period.to)}'`);
    }
    const label = /^-- (figure|histogram): (\w+)/.exec(sql);
    return {
      sql,
      what: (label?.[1] as 'figure' | 'histogram' | undefined) ?? 'unlabelled',
      name: label?.[2] ?? '',
    };
  });
}

/**
 * What a block's rows say, in the shape `readFigures` gives for its name, and what `readFigures`
 * gave: equal when the dashboard and the auditor's recount agree.
 */
export function auditComparison(
  block: AuditBlock,
  rows: Record<string, unknown>[],
  figures: Figures,
): { recounted: unknown; dashboard: unknown } {
  if (block.what === 'histogram') {
    return {
      recounted: rows.map((r) => ({ day: Number(r.day), count: Number(r.reports) })),
      dashboard: figures.durations[block.name as 'time_to_accept'].histogram,
    };
  }
  if (rateFigureNames.includes(block.name as RateFigureName)) {
    const rate = figures.rates[block.name as RateFigureName];
    return {
      recounted: { numerator: Number(rows[0]?.numerator), denominator: Number(rows[0]?.denominator) },
      dashboard: { numerator: rate.numerator, denominator: rate.denominator },
    };
  }
  const duration: DurationFigureValue = figures.durations[block.name as 'time_to_accept'];
  const days = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return {
    recounted: {
      count: Number(rows[0]?.reports),
      p50: days(rows[0]?.p50_days),
      p90: days(rows[0]?.p90_days),
    },
    dashboard: { count: duration.count, p50: duration.p50Days, p90: duration.p90Days },
  };
}
