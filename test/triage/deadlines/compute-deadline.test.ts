import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/platform/errors/app-error.ts';
import { computeDeadline } from '../../../src/triage/deadlines/compute-deadline.ts';
import type { DeadlineRule } from '../../../src/triage/deadlines/load-deadline-rules.ts';
import { loadPublicHolidays } from '../../../src/triage/deadlines/load-public-holidays.ts';
import { createVietnamCalendar } from '../../../src/triage/deadlines/vietnam-calendar.ts';

// Expected values below were worked out by hand from Art. 134 and the holiday list (weekdays
// checked with `date`), not with the code under test. Conventions: hours run from the instant;
// days and working days count from the day after the start day; a day/month limit ending on a day
// off moves to the next working day; the end of a day is 23:59:59.999 +07:00.

type Rule = Pick<DeadlineRule, 'length' | 'unit'>;
const h24: Rule = { length: 24, unit: 'hours' };
const h48: Rule = { length: 48, unit: 'hours' };
const d20: Rule = { length: 20, unit: 'days' };
const d3: Rule = { length: 3, unit: 'days' };
const wd3: Rule = { length: 3, unit: 'working_days' };
const m1: Rule = { length: 1, unit: 'months' };
const m2: Rule = { length: 2, unit: 'months' };

const shipped = createVietnamCalendar(loadPublicHolidays());
/** 24:00 of a local day, as the system represents it. */
const endOf = (date: string): string => `${date}T23:59:59.999+07:00`;

interface Case {
  why: string;
  rule: Rule;
  start: string;
  due: string;
}

// biome-ignore format: one case per line reads as a table
const cases: Case[] = [
  // Hours: from the instant, through midnight, weekends and holidays, never moved.
  { why: '24 h from 23:59 crosses local midnight', rule: h24, start: '2026-03-10T23:59:00+07:00', due: '2026-03-11T23:59:00+07:00' },
  { why: '24 h from 00:00 local', rule: h24, start: '2026-03-10T00:00:00+07:00', due: '2026-03-11T00:00:00+07:00' },
  { why: '24 h across a month end', rule: h24, start: '2026-03-31T22:30:00+07:00', due: '2026-04-01T22:30:00+07:00' },
  { why: '24 h ending on a Saturday is not moved', rule: h24, start: '2026-03-13T18:00:00+07:00', due: '2026-03-14T18:00:00+07:00' },
  { why: '24 h inside Tết 2026 is not moved', rule: h24, start: '2026-02-16T09:00:00+07:00', due: '2026-02-17T09:00:00+07:00' },
  { why: '24 h ending on New Year 2026 is not moved', rule: h24, start: '2025-12-31T23:59:00+07:00', due: '2026-01-01T23:59:00+07:00' },
  { why: '48 h across 29 Feb 2028', rule: h48, start: '2028-02-28T12:00:00+07:00', due: '2028-03-01T12:00:00+07:00' },
  { why: '24 h given in UTC', rule: h24, start: '2026-03-10T16:59:59Z', due: '2026-03-11T16:59:59Z' },
  { why: '48 h (remote commune) over a Tết weekend', rule: h48, start: '2026-02-13T20:00:00+07:00', due: '2026-02-15T20:00:00+07:00' },

  // 20 days (Art. 147(1)): from the day after receipt, ending at 24:00.
  { why: '20 days from a Tuesday morning', rule: d20, start: '2026-03-10T10:00:00+07:00', due: endOf('2026-03-30') },
  { why: '20 days from 23:59: the start day is still 10 March', rule: d20, start: '2026-03-10T23:59:00+07:00', due: endOf('2026-03-30') },
  { why: '20 days from 00:00: the start day is 11 March', rule: d20, start: '2026-03-11T00:00:00+07:00', due: endOf('2026-03-31') },
  { why: '20 days from 16:59:59.999Z = 23:59:59.999 local on 10 March', rule: d20, start: '2026-03-10T16:59:59.999Z', due: endOf('2026-03-30') },
  { why: '20 days from 17:00Z = 00:00 local on 11 March', rule: d20, start: '2026-03-10T17:00:00Z', due: endOf('2026-03-31') },
  { why: '20 days ending Sunday 1 Feb moves to Monday 2 Feb', rule: d20, start: '2026-01-12T09:00:00+07:00', due: endOf('2026-02-02') },
  { why: '20 days across Tết 2026 is not lengthened by it', rule: d20, start: '2026-02-07T09:00:00+07:00', due: endOf('2026-02-27') },
  { why: '20 days ending in Tết 2026 moves past the whole break', rule: d20, start: '2026-01-26T09:00:00+07:00', due: endOf('2026-02-23') },
  { why: '20 days ending on 30/4 moves past 1/5 and the weekend', rule: d20, start: '2026-04-10T09:00:00+07:00', due: endOf('2026-05-04') },
  { why: '20 days ending on the Hùng Kings compensatory day', rule: d20, start: '2026-04-07T09:00:00+07:00', due: endOf('2026-04-28') },
  { why: '20 days ending on National Day 2025', rule: d20, start: '2025-08-13T09:00:00+07:00', due: endOf('2025-09-03') },
  { why: '20 days ending on the swapped Friday 2 Jan 2026', rule: d20, start: '2025-12-13T09:00:00+07:00', due: endOf('2026-01-05') },
  { why: '20 days ending on make-up Saturday 10 Jan 2026 stays there', rule: d20, start: '2025-12-21T09:00:00+07:00', due: endOf('2026-01-10') },
  { why: '20 days ending on make-up Saturday 26 Apr 2025 stays there', rule: d20, start: '2025-04-06T09:00:00+07:00', due: endOf('2025-04-26') },
  { why: '20 days ending on New Year 2027 (a Friday)', rule: d20, start: '2026-12-12T09:00:00+07:00', due: endOf('2027-01-04') },
  { why: '20 days ending in Tết 2025', rule: d20, start: '2025-01-10T09:00:00+07:00', due: endOf('2025-02-03') },
  { why: '20 days ending on 29 Feb 2028', rule: d20, start: '2028-02-09T09:00:00+07:00', due: endOf('2028-02-29') },
  { why: '20 days across 29 Feb 2028', rule: d20, start: '2028-02-10T09:00:00+07:00', due: endOf('2028-03-01') },
  { why: '20 days ending in the assumed Tết 2028 break', rule: d20, start: '2028-01-04T09:00:00+07:00', due: endOf('2028-01-31') },
  { why: '20 days from 23:59 on New Year’s Eve', rule: d20, start: '2026-12-31T23:59:00+07:00', due: endOf('2027-01-20') },

  // 3 days (trafficking victim verification).
  { why: '3 days ending on the first day of Tết 2026', rule: d3, start: '2026-02-11T09:00:00+07:00', due: endOf('2026-02-23') },
  { why: '3 days ending on a Sunday', rule: d3, start: '2026-03-12T09:00:00+07:00', due: endOf('2026-03-16') },
  { why: '3 days from 23:59 on a Monday', rule: d3, start: '2026-03-09T23:59:00+07:00', due: endOf('2026-03-12') },
  { why: '3 days ending in the assumed Tết 2027 break', rule: d3, start: '2027-02-01T09:00:00+07:00', due: endOf('2027-02-11') },

  // Months: same date of the later month, clamped to its end, then moved off a day off.
  { why: '31 Jan + 1 month = 28 Feb 2026, a Saturday', rule: m1, start: '2026-01-31T10:00:00+07:00', due: endOf('2026-03-02') },
  { why: '31 Jan + 1 month = 29 Feb in leap 2028', rule: m1, start: '2028-01-31T10:00:00+07:00', due: endOf('2028-02-29') },
  { why: '31 Jan + 1 month = 28 Feb 2027, a Sunday', rule: m1, start: '2027-01-31T10:00:00+07:00', due: endOf('2027-03-01') },
  { why: '31 Dec + 2 months = 28 Feb across the year', rule: m2, start: '2025-12-31T10:00:00+07:00', due: endOf('2026-03-02') },
  { why: '15 Mar + 1 month = 15 Apr', rule: m1, start: '2026-03-15T10:00:00+07:00', due: endOf('2026-04-15') },
  { why: '31 Mar + 2 months = 31 May, a Sunday', rule: m2, start: '2026-03-31T10:00:00+07:00', due: endOf('2026-06-01') },
  { why: '30 Mar + 1 month = 30 Apr, a holiday', rule: m1, start: '2026-03-30T10:00:00+07:00', due: endOf('2026-05-04') },
  { why: '16 Jan + 1 month = 16 Feb, in Tết 2026', rule: m1, start: '2026-01-16T10:00:00+07:00', due: endOf('2026-02-23') },
  { why: '29 Feb 2028 + 1 month = 29 Mar', rule: m1, start: '2028-02-29T10:00:00+07:00', due: endOf('2028-03-29') },
  { why: '1 month from 23:59 on 8 June', rule: m1, start: '2026-06-08T23:59:00+07:00', due: endOf('2026-07-08') },
  { why: '1 month from 17:00Z on 8 June = 00:00 local on 9 June', rule: m1, start: '2026-06-08T17:00:00Z', due: endOf('2026-07-09') },
  { why: 'VKS extension: 2 months from the end of the previous limit', rule: m2, start: '2026-05-04T23:59:59.999+07:00', due: endOf('2026-07-06') },

  // 3 working days (receipt notice): the start day never counts.
  { why: '3 working days from a Friday', rule: wd3, start: '2026-03-13T10:00:00+07:00', due: endOf('2026-03-18') },
  { why: '3 working days from a Saturday', rule: wd3, start: '2026-03-14T10:00:00+07:00', due: endOf('2026-03-18') },
  { why: '3 working days from 00:00 on a Monday', rule: wd3, start: '2026-03-16T00:00:00+07:00', due: endOf('2026-03-19') },
  { why: '3 working days from 23:59 on a Sunday', rule: wd3, start: '2026-03-15T23:59:00+07:00', due: endOf('2026-03-18') },
  { why: '3 working days from 17:00Z Sunday = 00:00 Monday local', rule: wd3, start: '2026-03-15T17:00:00Z', due: endOf('2026-03-19') },
  { why: '3 working days across Tết 2026 from Thursday', rule: wd3, start: '2026-02-12T10:00:00+07:00', due: endOf('2026-02-24') },
  { why: '3 working days across Tết 2026 from Friday', rule: wd3, start: '2026-02-13T10:00:00+07:00', due: endOf('2026-02-25') },
  { why: '3 working days across 30/4–1/5 2026', rule: wd3, start: '2026-04-29T10:00:00+07:00', due: endOf('2026-05-06') },
  { why: '3 working days count make-up Saturday 26 Apr 2025', rule: wd3, start: '2025-04-24T10:00:00+07:00', due: endOf('2025-04-28') },
  { why: '3 working days across New Year 2026 and its swapped Friday', rule: wd3, start: '2025-12-31T10:00:00+07:00', due: endOf('2026-01-07') },
  { why: '3 working days count make-up Saturday 10 Jan 2026', rule: wd3, start: '2026-01-08T10:00:00+07:00', due: endOf('2026-01-12') },
  { why: '3 working days across Hùng Kings and 30/4 2026', rule: wd3, start: '2026-04-24T10:00:00+07:00', due: endOf('2026-05-04') },
  { why: '3 working days across National Day 2025', rule: wd3, start: '2025-08-29T10:00:00+07:00', due: endOf('2025-09-05') },
  { why: '3 working days across the assumed Tết 2027 break', rule: wd3, start: '2027-02-03T10:00:00+07:00', due: endOf('2027-02-15') },
  { why: '3 working days across Tết 2025', rule: wd3, start: '2025-01-24T10:00:00+07:00', due: endOf('2025-02-05') },
  { why: '3 working days across Tết 2024', rule: wd3, start: '2024-02-07T10:00:00+07:00', due: endOf('2024-02-19') },
  { why: '3 working days across 30/4–1/5 2024 end on its make-up Saturday 4 May', rule: wd3, start: '2024-04-26T10:00:00+07:00', due: endOf('2024-05-04') },
  { why: '3 working days across New Year 2028 (a Saturday) and its compensatory Monday', rule: wd3, start: '2027-12-30T10:00:00+07:00', due: endOf('2028-01-05') },
  { why: '3 working days across a month end', rule: wd3, start: '2026-07-30T10:00:00+07:00', due: endOf('2026-08-04') },
];

describe('computeDeadline (Art. 134)', () => {
  it.each(cases)('$why', ({ rule, start, due }) => {
    expect(computeDeadline(rule, new Date(start), shipped).toISOString()).toBe(new Date(due).toISOString());
  });

  it('refuses to count days into a year the holiday list does not cover', () => {
    expect(() => computeDeadline(d20, new Date('2028-12-20T09:00:00+07:00'), shipped)).toThrow(
      expect.toSatisfy((error) => isAppError(error, 'holidays_not_covered'), 'holidays_not_covered'),
    );
  });
});
