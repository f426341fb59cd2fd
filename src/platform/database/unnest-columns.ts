import type { SqlParameters } from './sql-parameters.ts';

/** One column of rows inserted from arrays: its name, its array's type, the values, how it is selected. */
export interface UnnestColumn {
  name: string;
  /** The parameter's array type, e.g. `uuid[]`. */
  type: string;
  values: readonly unknown[];
  /** The SELECT expression over the unnested column (a cast, a conversion); the name by default. */
  select?: string;
}

/**
 * The three lists of an `INSERT … SELECT … FROM unnest(…) AS t(…)` written from one list of
 * named columns, so a column's name, parameter and expression cannot drift apart.
 * @example const c = unnestColumns(p, [{ name: 'id', type: 'uuid[]', values: ids }]);
 *   `INSERT INTO x (${c.names}) SELECT ${c.selects} FROM unnest(${c.parameters}) AS t(${c.names})`
 */
export function unnestColumns(
  p: SqlParameters,
  columns: readonly UnnestColumn[],
): { names: string; selects: string; parameters: string } {
  return {
    names: columns.map((c) => c.name).join(', '),
    selects: columns.map((c) => c.select ?? c.name).join(', '),
    parameters: columns.map((c) => p.bind(c.values, c.type)).join(', '),
  };
}
