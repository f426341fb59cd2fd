import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import { isUuid } from '../../platform/database/is-uuid.ts';
import { type DurationFigureName, durationFigures } from './duration-figures.ts';
import { type FigureScope, figureParameters, typedParameters } from './figure-scope.ts';
import { type RateFigureName, rateFigures } from './rate-figures.ts';
import { inFigureSnapshot } from './read-figures.ts';

/** One side of a rate figure, or the reports a time figure covers. */
export type FigureList =
  | { figure: RateFigureName; side: 'numerator' | 'denominator' }
  | { figure: DurationFigureName; side: 'population' };

/** A report of a drill-down list: what an auditor needs to find it and recount it. */
export interface FigureReport {
  id: string;
  registerNumber: string;
  unitId: string | null;
  category: string;
  status: string;
  submittedAt: Date;
  classifiedAt: Date | null;
  acceptedAt: Date | null;
  transferredAt: Date | null;
  decidedAt: Date | null;
  suspendedAt: Date | null;
  resumedAt: Date | null;
  decisionDueAt: Date | null;
}

export interface FigureReportPage {
  reports: FigureReport[];
  /** The id to pass as `after` for the next page; null on the last one. */
  next: string | null;
}

export const figurePageSize = 100;

/**
 * The reports one side of a figure counts, by id, a page of 100 after the id `after` (keyset
 * paging: any page costs the same). The same statement the dashboard counts. Writes nothing.
 * @example readFigureReports(pool, scope, { figure: 'resolution_rate', side: 'numerator' }, {})
 */
export async function readFigureReports(
  pool: PgPool,
  scope: FigureScope,
  list: FigureList,
  page: { after?: string | undefined },
  now = new Date(),
): Promise<FigureReportPage> {
  const ids =
    list.side === 'population'
      ? durationFigures[list.figure].population
      : rateFigures[list.figure][list.side];
  // An id of another shape names no report: start from the beginning rather than fail.
  const after = page.after !== undefined && isUuid(page.after) ? page.after : null;
  const { rows } = await inFigureSnapshot(pool, (client) =>
    client.query<FigureReport>(
      `${typedParameters}
     SELECT r.id::text AS id, r.register_number AS "registerNumber", r.unit_id AS "unitId", r.category,
       r.status::text AS status, r.submitted_at AS "submittedAt", r.classified_at AS "classifiedAt",
       r.accepted_at AS "acceptedAt", r.transferred_at AS "transferredAt", r.decided_at AS "decidedAt",
       r.suspended_at AS "suspendedAt", r.resumed_at AS "resumedAt", r.decision_due_at AS "decisionDueAt"
     FROM report r
     WHERE r.id IN (SELECT l.id FROM (${ids}) l WHERE $7::uuid IS NULL OR l.id > $7::uuid
                    ORDER BY l.id LIMIT ${figurePageSize + 1})
     ORDER BY r.id`,
      [...figureParameters(scope, now), after],
    ),
  );
  const reports = rows.slice(0, figurePageSize);
  const last = reports.at(-1);
  return { reports, next: rows.length > figurePageSize && last ? last.id : null };
}
