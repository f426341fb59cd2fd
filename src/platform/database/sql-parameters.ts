export interface SqlParameters {
  /**
   * The placeholder of a value, `$n::type`, numbered in the order bound. A value used twice is
   * bound once and its placeholder written twice.
   */
  bind(value: unknown, type: string): string;
  /** The values in placeholder order, for the query's `values`. */
  readonly values: unknown[];
}

/**
 * Parameters named where they are used instead of numbered by hand: a statement reads
 * `unnest(${p.bind(ids, 'uuid[]')}, …)` and its `values` are `p.values`. Binding in the same order
 * gives the same text at every call, so a named prepared statement keeps its plan.
 * @example const p = sqlParameters(); pool.query({ text: `SELECT ${p.bind(1, 'int')}`, values: p.values })
 */
export function sqlParameters(): SqlParameters {
  const values: unknown[] = [];
  return {
    values,
    bind(value, type) {
      values.push(value);
      return `$${values.length}::${type}`;
    },
  };
}
