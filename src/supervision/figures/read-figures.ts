import { inTransaction, type PgClient, type PgPool } from '../../platform/database/create-pg-pool.ts';
import {
  type DurationFigureName,
  durationFigureNames,
  durationFigures,
  durationSummarySql,
} from './duration-figures.ts';
import { type FigureScope, figureParameters, typedParameters } from './figure-scope.ts';
import {
  type FigureBase,
  figureBases,
  type RateFigureName,
  rateCountSql,
  rateFigureNames,
  rateFigures,
} from './rate-figures.ts';

export interface RateFigureValue {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator; null when nothing is counted below the line. */
  rate: number | null;
}

export interface DurationFigureValue {
  count: number;
  /** null when no report is counted. */
  p50Days: number | null;
  p90Days: number | null;
  /** Reports per whole day since receipt (day 0: under 24 hours), days with none left out. */
  histogram: { day: number; count: number }[];
}

export interface Figures {
  /** The period as counted: `end` is its end, or the moment of reading for a period still running. */
  period: { from: Date; to: Date; end: Date };
  rates: Record<RateFigureName, RateFigureValue>;
  durations: Record<DurationFigureName, DurationFigureValue>;
}

/**
 * Runs `work` in one read-only snapshot with PostgreSQL's JIT off: the figures' statements carry
 * large cost estimates (a subplan a row), for which it compiled for longer than they then ran.
 */
export async function inFigureSnapshot<T>(pool: PgPool, work: (client: PgClient) => Promise<T>): Promise<T> {
  return inTransaction(pool, {}, async (client) => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL jit = off');
    return work(client);
  });
}

/**
 * Every supervision figure of a scope, read in one read-only snapshot so the numbers agree with
 * each other. Writes nothing. @example (await readFigures(pool, scope)).rates.resolution_rate.rate
 */
export async function readFigures(pool: PgPool, scope: FigureScope, now = new Date()): Promise<Figures> {
  return inFigureSnapshot(pool, (client) => readFiguresIn(client, scope, now));
}

/** The same figures on a connection whose transaction the caller holds (closing a period does). */
export async function readFiguresIn(client: PgClient, scope: FigureScope, now: Date): Promise<Figures> {
  const rates = await readRatesIn(client, scope, now);
  const durations = await readDurationsIn(client, scope, now);
  return { period: countedPeriod(scope, now), rates, durations };
}

/** The period as its figures count it: `end` is its end, or `now` for a period still running. */
export function countedPeriod(scope: FigureScope, now: Date): Figures['period'] {
  return { from: scope.from, to: scope.to, end: figureParameters(scope, now)[2] as Date };
}

/** A rate from its two counts: null when nothing is counted below the line. */
export function rateValue(numerator: number, denominator: number): RateFigureValue {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}

/** The rate figures alone: one pass over each base. */
export async function readRatesIn(
  client: PgClient,
  scope: FigureScope,
  now: Date,
): Promise<Figures['rates']> {
  const parameters = figureParameters(scope, now);
  const row: Record<string, number> = {};
  for (const base of Object.keys(figureBases) as FigureBase[]) {
    const names = rateFigureNames.filter((name) => rateFigures[name].base === base);
    const counts = await client.query<Record<string, number>>(
      `${typedParameters} ${rateCountSql(base, names)}`,
      parameters,
    );
    Object.assign(row, counts.rows[0]);
  }
  return Object.fromEntries(
    rateFigureNames.map((name) => {
      const numerator = row[`${name}:n`] ?? 0;
      const denominator = row[`${name}:d`] ?? 0;
      return [name, rateValue(numerator, denominator)];
    }),
  ) as Record<RateFigureName, RateFigureValue>;
}

/** The time figures alone. */
export async function readDurationsIn(
  client: PgClient,
  scope: FigureScope,
  now: Date,
): Promise<Figures['durations']> {
  const parameters = figureParameters(scope, now);
  const durations = {} as Record<DurationFigureName, DurationFigureValue>;
  for (const name of durationFigureNames) {
    durations[name] = await readDuration(client, name, parameters);
  }
  return durations;
}

async function readDuration(
  client: PgClient,
  name: DurationFigureName,
  parameters: unknown[],
): Promise<DurationFigureValue> {
  const { rows } = await client.query<{
    count: number;
    p50_days: string | null;
    p90_days: string | null;
    histogram: [number, number][];
  }>(`${typedParameters}, ${durationSummarySql(durationFigures[name])}`, parameters);
  const summary = rows[0];
  return {
    count: summary?.count ?? 0,
    p50Days: summary?.p50_days == null ? null : Number(summary.p50_days),
    p90Days: summary?.p90_days == null ? null : Number(summary.p90_days),
    histogram: (summary?.histogram ?? []).map(([day, count]) => ({ day, count })),
  };
}
