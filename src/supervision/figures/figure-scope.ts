import { readUnitScope } from '../../casework/access/console-user.ts';
import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import type { Channel } from '../../platform/vocabulary/channel.ts';
import type { FigurePeriod } from './figure-period.ts';

export type ReportKind = 'crime_tip' | 'trafficking';

/** Which reports a figure counts: a set of units, a half-open period, and optional filters. */
export interface FigureScope extends FigurePeriod {
  /** A unit and its subtree (see `unitFigureScope`); reports of other units are never counted. */
  units: readonly string[];
  category?: string | undefined;
  channel?: Channel | undefined;
  kind?: ReportKind | undefined;
}

export type FigureFilters = Pick<FigureScope, 'category' | 'channel' | 'kind'>;

/** The scope of a unit and every unit under it (the police unit tree), as a supervisor reads it. */
export async function unitFigureScope(
  pool: PgPool,
  unitId: string,
  period: FigurePeriod,
  filters: FigureFilters = {},
): Promise<FigureScope> {
  const units = await readUnitScope(pool, { role: 'supervisor', unitId });
  return { units, ...period, ...filters };
}

/**
 * The six parameters every figure statement binds, in order: $1 units, $2 period start, $3 period
 * end, $4 category, $5 channel, $6 kind (NULL: any). A period still running ends now, so a limit
 * later this month is not counted as passed.
 */
export function figureParameters(scope: FigureScope, now: Date): unknown[] {
  const end = scope.to < now ? scope.to : now;
  return [
    [...scope.units],
    scope.from,
    end,
    scope.category ?? null,
    scope.channel ?? null,
    scope.kind ?? null,
  ];
}

/** The scope's own condition on `report r`: its units and filters ($1, $4–$6). */
export const inScopeSql = `r.unit_id = ANY($1::text[])
  AND ($4::text IS NULL OR r.category = $4::text)
  AND ($5::text IS NULL OR r.channel::text = $5::text)
  AND ($6::text IS NULL OR r.kind::text = $6::text)`;

/**
 * Declares the parameters' types once, so a statement that uses only some of them (a drill-down of
 * one side) still binds all six. The CTE is never read.
 */
export const typedParameters =
  'WITH bound AS (SELECT $1::text[], $2::timestamptz, $3::timestamptz, $4::text, $5::text, $6::text)';
