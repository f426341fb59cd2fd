import type { PgClient } from '../../platform/database/create-pg-pool.ts';
import { durationFigureNames, durationFigures } from '../figures/duration-figures.ts';
import { type FigureScope, figureParameters, typedParameters } from '../figures/figure-scope.ts';
import { rateFigureNames, rateFigures } from '../figures/rate-figures.ts';

/**
 * The lists a period's figures count, by name (`resolution_rate:numerator`, `time_to_decide:population`…).
 */
export function figureLists(): [string, string][] {
  return [
    ...rateFigureNames.flatMap((name): [string, string][] => [
      [`${name}:numerator`, rateFigures[name].numerator],
      [`${name}:denominator`, rateFigures[name].denominator],
    ]),
    ...durationFigureNames.map((name): [string, string] => [
      `${name}:population`,
      durationFigures[name].population,
    ]),
  ];
}

/**
 * The SHA-256 (hex) of each list's report ids in order, one per line (`id\n…`), as an auditor
 * recomputes it: `SELECT encode(sha256(convert_to(string_agg(id::text || E'\n', '' ORDER BY id), 'UTF8')), 'hex')`
 * over the list's statement. An empty list hashes the empty string.
 */
export async function figureListHashes(
  client: PgClient,
  scope: FigureScope,
  now: Date,
): Promise<Record<string, { count: number; sha256: string }>> {
  const columns = figureLists().map(
    ([name, sql]) =>
      `(SELECT json_build_object('count', count(*)::int, 'sha256',
          encode(sha256(convert_to(coalesce(string_agg(l.id::text || E'\\n', '' ORDER BY l.id), ''), 'UTF8')), 'hex'))
        FROM (${sql}) l) AS "${name}"`,
  );
  const { rows } = await client.query<Record<string, { count: number; sha256: string }>>(
    `${typedParameters} SELECT ${columns.join(',\n')}`,
    figureParameters(scope, now),
  );
  return rows[0] ?? {};
}
