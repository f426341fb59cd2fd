import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Why a date is a day off: a public holiday, a day off for a holiday on a weekend, a swapped day, or a guess. */
export type HolidayKind = 'holiday' | 'compensatory' | 'swapped' | 'assumed';

export type HolidayOccasion =
  | 'new_year'
  | 'lunar_new_year'
  | 'hung_kings'
  | 'reunification'
  | 'labour_day'
  | 'national_day'
  | 'other';

/** A day off for public servants, on top of Saturdays and Sundays. */
export interface PublicHoliday {
  /** Local date in Viet Nam, `YYYY-MM-DD`. */
  date: string;
  occasion: HolidayOccasion;
  nameVi: string;
  nameEn: string;
  kind: HolidayKind;
  source: string;
}

/** A Saturday or Sunday worked to make up a swapped day off: a working day despite the weekend. */
export interface MakeUpWorkingDay {
  date: string;
  nameVi: string;
  nameEn: string;
  source: string;
}

export interface PublicHolidayList {
  /** The years the list is complete for: a date outside them cannot be called a working day or not. */
  years: readonly number[];
  holidays: readonly PublicHoliday[];
  makeUpWorkingDays: readonly MakeUpWorkingDay[];
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((value) => new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'not a calendar date');

const holidaySchema = z.object({
  date: isoDate,
  occasion: z.enum([
    'new_year',
    'lunar_new_year',
    'hung_kings',
    'reunification',
    'labour_day',
    'national_day',
    'other',
  ]),
  name_vi: z.string().min(1),
  name_en: z.string().min(1),
  kind: z.enum(['holiday', 'compensatory', 'swapped', 'assumed']),
  source: z.string().min(1),
});

const makeUpSchema = z.object({
  date: isoDate,
  name_vi: z.string().min(1),
  name_en: z.string().min(1),
  source: z.string().min(1),
});

const listSchema = z
  .object({
    years: z.array(z.number().int().min(1976).max(2200)).min(1),
    holidays: z.array(holidaySchema),
    make_up_working_days: z.array(makeUpSchema).default([]),
  })
  .superRefine((list, context) => {
    const seen = new Set<string>();
    const entries = [...list.holidays, ...list.make_up_working_days];
    for (const entry of entries) {
      if (seen.has(entry.date))
        context.addIssue({ code: 'custom', message: `${entry.date} is listed twice` });
      seen.add(entry.date);
      if (!list.years.includes(Number(entry.date.slice(0, 4))))
        context.addIssue({ code: 'custom', message: `${entry.date} is outside the declared years` });
    }
    for (const day of list.make_up_working_days) {
      const weekday = new Date(`${day.date}T00:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6)
        context.addIssue({ code: 'custom', message: `make-up working day ${day.date} is not a weekend day` });
    }
  });

const shippedList = new URL('./public-holidays.json', import.meta.url);

/** Validates a holiday list already read as JSON (snake_case fields, as in public-holidays.json). */
export function parsePublicHolidays(raw: unknown): PublicHolidayList {
  const list = listSchema.parse(raw);
  return {
    years: list.years,
    holidays: list.holidays.map((h) => ({
      date: h.date,
      occasion: h.occasion,
      nameVi: h.name_vi,
      nameEn: h.name_en,
      kind: h.kind,
      source: h.source,
    })),
    makeUpWorkingDays: list.make_up_working_days.map((d) => ({
      date: d.date,
      nameVi: d.name_vi,
      nameEn: d.name_en,
      source: d.source,
    })),
  };
}

/**
 * Reads Viet Nam's days off from `path`, or from the list shipped with the code (2024–2028).
 * Configuration can point at another file when the Government announces a year's breaks.
 * @example const calendar = createVietnamCalendar(loadPublicHolidays(config.publicHolidaysFile));
 */
export function loadPublicHolidays(path?: string | URL): PublicHolidayList {
  const file = path ?? shippedList;
  try {
    return parsePublicHolidays(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    const detail = error instanceof z.ZodError ? z.prettifyError(error) : String(error);
    throw new Error(`public holiday list ${String(file)} is invalid: ${detail}`, { cause: error });
  }
}
