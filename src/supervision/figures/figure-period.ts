/** A half-open period `[from, to)`: the instants the figures count events in. */
export interface FigurePeriod {
  from: Date;
  to: Date;
}

// Vietnam keeps UTC+7 all year (no daylight saving), so a local midnight is a fixed offset.
const vietnamOffsetMs = 7 * 3_600_000;
const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight in Vietnam at the start of the given day (month 0-based; overflow rolls, as Date.UTC does). */
function vietnamMidnight(year: number, month0: number, day: number): Date {
  return new Date(Date.UTC(year, month0, day) - vietnamOffsetMs);
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new RangeError(`year out of range: ${year}`);
}

/** A calendar month of Vietnam time. @example monthPeriod(2026, 11) // 2026-10-31T17:00Z … 2026-11-30T17:00Z */
export function monthPeriod(year: number, month: number): FigurePeriod {
  checkYear(year);
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new RangeError(`month out of range: ${month}`);
  return { from: vietnamMidnight(year, month - 1, 1), to: vietnamMidnight(year, month, 1) };
}

/** A quarter (1–4) of Vietnam time. @example quarterPeriod(2026, 4) // 1 October … 1 January */
export function quarterPeriod(year: number, quarter: number): FigurePeriod {
  checkYear(year);
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)
    throw new RangeError(`quarter out of range: ${quarter}`);
  return { from: vietnamMidnight(year, (quarter - 1) * 3, 1), to: vietnamMidnight(year, quarter * 3, 1) };
}

/** A calendar year of Vietnam time. */
export function yearPeriod(year: number): FigurePeriod {
  checkYear(year);
  return { from: vietnamMidnight(year, 0, 1), to: vietnamMidnight(year + 1, 0, 1) };
}

/**
 * Whole Vietnam days from `firstDay` to `lastDay` inclusive (`YYYY-MM-DD`): the period ends at the
 * midnight after the last day. @example customPeriod('2026-11-10', '2026-11-20')
 */
export function customPeriod(firstDay: string, lastDay: string): FigurePeriod {
  const from = parseDay(firstDay);
  const last = parseDay(lastDay);
  const to = new Date(last.getTime() + 86_400_000);
  if (to <= from) throw new RangeError(`the last day ${lastDay} is before the first day ${firstDay}`);
  return { from, to };
}

function parseDay(text: string): Date {
  const match = dayPattern.exec(text);
  if (!match) throw new RangeError(`not a day (YYYY-MM-DD): ${text}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  checkYear(year);
  const midnight = vietnamMidnight(year, month - 1, day);
  // Date.UTC rolls 2026-02-30 into March: such a day does not exist.
  const local = new Date(midnight.getTime() + vietnamOffsetMs);
  if (local.getUTCMonth() !== month - 1 || local.getUTCDate() !== day)
    throw new RangeError(`no such day: ${text}`);
  return midnight;
}
