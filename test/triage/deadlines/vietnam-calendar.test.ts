import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/platform/errors/app-error.ts';
import { loadPublicHolidays } from '../../../src/triage/deadlines/load-public-holidays.ts';
import {
  addLocalDays,
  addLocalMonths,
  createVietnamCalendar,
  endOfLocalDay,
  localDateOf,
} from '../../../src/triage/deadlines/vietnam-calendar.ts';

const calendar = createVietnamCalendar(loadPublicHolidays());

describe('localDateOf', () => {
  it('gives the Viet Nam date, which is a day ahead of UTC from 17:00Z', () => {
    expect(localDateOf(new Date('2026-03-10T16:59:59.999Z'))).toBe('2026-03-10');
    expect(localDateOf(new Date('2026-03-10T17:00:00Z'))).toBe('2026-03-11');
    expect(localDateOf(new Date('2026-03-11T00:00:00+07:00'))).toBe('2026-03-11');
    expect(localDateOf(new Date('2025-12-31T17:00:00Z'))).toBe('2026-01-01');
  });

  it('agrees with the tz database for Asia/Ho_Chi_Minh through the year (no DST)', () => {
    const tz = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short' });
    for (let hour = 0; hour < 3 * 365 * 24; hour += 7) {
      const instant = new Date(Date.UTC(2025, 0, 1) + hour * 3_600_000);
      expect(localDateOf(instant)).toBe(tz.format(instant));
    }
  });
});

describe('endOfLocalDay', () => {
  it('is 23:59:59.999 +07:00, the last instant before local midnight', () => {
    expect(endOfLocalDay('2026-02-28').toISOString()).toBe('2026-02-28T16:59:59.999Z');
    expect(endOfLocalDay('2028-02-29').getTime() + 1).toBe(new Date('2028-03-01T00:00:00+07:00').getTime());
  });
});

describe('addLocalDays and addLocalMonths', () => {
  it('cross month and year ends and leap days', () => {
    expect(addLocalDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addLocalDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addLocalDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addLocalDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('clamp to the last day of a shorter month', () => {
    expect(addLocalMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addLocalMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addLocalMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addLocalMonths('2025-12-31', 2)).toBe('2026-02-28');
    expect(addLocalMonths('2026-11-30', 2)).toBe('2027-01-30');
    expect(addLocalMonths('2028-02-29', 12)).toBe('2029-02-28');
  });
});

describe('isWorkingDay', () => {
  it('is false on Saturdays and Sundays and true on ordinary weekdays', () => {
    expect(calendar.isWorkingDay('2026-03-14')).toBe(false);
    expect(calendar.isWorkingDay('2026-03-15')).toBe(false);
    expect(calendar.isWorkingDay('2026-03-16')).toBe(true);
    expect(calendar.isWorkingDay('2026-03-20')).toBe(true);
  });

  it('is false on public holidays, compensatory and swapped days', () => {
    expect(calendar.isWorkingDay('2026-02-16')).toBe(false); // Tết
    expect(calendar.isWorkingDay('2026-04-27')).toBe(false); // Hùng Kings on a Sunday, made up Monday
    expect(calendar.isWorkingDay('2025-05-02')).toBe(false); // swapped with Saturday 26 Apr
    expect(calendar.isWorkingDay('2026-01-02')).toBe(false); // swapped with Saturday 10 Jan
    expect(calendar.isWorkingDay('2025-09-02')).toBe(false); // National Day
    expect(calendar.isWorkingDay('2024-04-29')).toBe(false); // swapped with Saturday 4 May
    expect(calendar.isWorkingDay('2024-09-03')).toBe(false); // National Day's adjacent day
  });

  it('is true on a make-up Saturday', () => {
    expect(calendar.isWorkingDay('2024-05-04')).toBe(true);
    expect(calendar.isWorkingDay('2025-04-26')).toBe(true);
    expect(calendar.isWorkingDay('2026-01-10')).toBe(true);
  });

  it('throws for a year the list does not cover instead of assuming no holidays', () => {
    expect(() => calendar.isWorkingDay('2029-01-03')).toThrow(
      expect.toSatisfy(
        (error) => isAppError(error, 'holidays_not_covered') && error.details.date === '2029-01-03',
        'holidays_not_covered for 2029-01-03',
      ),
    );
    expect(() => calendar.isWorkingDay('2023-12-31')).toThrow(/2023/);
  });

  it('rejects a string that is not a local date', () => {
    expect(() => calendar.isWorkingDay('2026-3-1')).toThrow(RangeError);
  });
});
