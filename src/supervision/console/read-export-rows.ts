import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import { streamRows } from '../../platform/database/stream-rows.ts';
import { type FigureScope, figureParameters, typedParameters } from '../figures/figure-scope.ts';
import { figureBases, type RateFigureName, rateFigureNames, rateFigures } from '../figures/rate-figures.ts';
import type { FigureReport } from '../figures/read-figure-reports.ts';

/** A report of the export: the drill-down's columns and, per rate, whether it is above and below the line. */
export interface ExportRow extends FigureReport {
  in: Record<RateFigureName, { numerator: boolean; denominator: boolean }>;
}

/**
 * The reports an export lists: every report submitted in the period (the intake figures'
 * denominator) and every one the resolution rate has to resolve (some carried over from earlier),
 * each once, by id, from one cursor (`streamRows`) so a year's file never sits in memory.
 */
export async function* readExportRows(
  pool: PgPool,
  scope: FigureScope,
  now: Date,
): AsyncGenerator<ExportRow> {
  const inBase = (name: RateFigureName) => `(${figureBases[rateFigures[name].base]})`;
  const membership = rateFigureNames.flatMap((name) => [
    `COALESCE(${inBase(name)} AND (${rateFigures[name].numeratorWhere}), false) AS "${name}:n"`,
    `COALESCE(${inBase(name)} AND (${rateFigures[name].denominatorWhere}), false) AS "${name}:d"`,
  ]);
  const sql = `${typedParameters}
    SELECT r.id::text AS id, r.register_number AS "registerNumber", r.unit_id AS "unitId", r.category,
      r.status::text AS status, r.submitted_at AS "submittedAt", r.classified_at AS "classifiedAt",
      r.accepted_at AS "acceptedAt", r.transferred_at AS "transferredAt", r.decided_at AS "decidedAt",
      r.suspended_at AS "suspendedAt", r.resumed_at AS "resumedAt", r.decision_due_at AS "decisionDueAt",
      ${membership.join(',\n')}
    FROM report r
    WHERE ((${figureBases.submitted}) OR (${figureBases.to_resolve}))
    ORDER BY r.id`;
  const rows = streamRows<FigureReport & Record<string, boolean>>(pool, sql, figureParameters(scope, now));
  for await (const row of rows) {
    const membershipOf = Object.fromEntries(
      rateFigureNames.map((name) => [
        name,
        { numerator: row[`${name}:n`] === true, denominator: row[`${name}:d`] === true },
      ]),
    ) as ExportRow['in'];
    const report: FigureReport = {
      id: row.id,
      registerNumber: row.registerNumber,
      unitId: row.unitId,
      category: row.category,
      status: row.status,
      submittedAt: row.submittedAt,
      classifiedAt: row.classifiedAt,
      acceptedAt: row.acceptedAt,
      transferredAt: row.transferredAt,
      decidedAt: row.decidedAt,
      suspendedAt: row.suspendedAt,
      resumedAt: row.resumedAt,
      decisionDueAt: row.decisionDueAt,
    };
    yield { ...report, in: membershipOf };
  }
}

/** The export's header and its cells: ISO instants (a file for machines), 1/0 for membership. */
export const exportHeader: readonly string[] = [
  'report_id',
  'register_number',
  'unit_id',
  'category',
  'status',
  'submitted_at',
  'classified_at',
  'accepted_at',
  'transferred_at',
  'decided_at',
  'suspended_at',
  'resumed_at',
  'decision_due_at',
  ...rateFigureNames.flatMap((name) => [`${name}_numerator`, `${name}_denominator`]),
];

export function exportCells(row: ExportRow): (string | null)[] {
  const at = (d: Date | null) => (d ? d.toISOString() : null);
  return [
    row.id,
    row.registerNumber,
    row.unitId,
    row.category,
    row.status,
    at(row.submittedAt),
    at(row.classifiedAt),
    at(row.acceptedAt),
    at(row.transferredAt),
    at(row.decidedAt),
    at(row.suspendedAt),
    at(row.resumedAt),
    at(row.decisionDueAt),
    ...rateFigureNames.flatMap((name) => [
      row.in[name].numerator ? '1' : '0',
      row.in[name].denominator ? '1' : '0',
    ]),
  ];
}
