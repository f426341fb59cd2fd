import type { DeadlineRule } from './load-deadline-rules.ts';
import {
  addLocalDays,
  addLocalMonths,
  endOfLocalDay,
  type LocalDate,
  localDateOf,
  type VietnamCalendar,
} from './vietnam-calendar.ts';

/**
 * When a limit that starts at `start` runs out, counted as BLTTHS 2015 Art. 134(1) says, in
 * Asia/Ho_Chi_Minh. Something done at or before the returned instant is on time; day, working-day
 * and month limits return 23:59:59.999 local of their last day ("24:00 of the last day").
 *
 * - hours: `length` hours after the instant, whatever the day (as Civil Code 2015 Art. 147(1):
 *   a limit in hours starts at the instant). Art. 134 moves a limit off a day off only where it
 *   speaks of days and months; hour limits (24 h to classify, to pass a tip on, to send a decision
 *   to the procuracy) exist for urgent steps, so they run through nights, weekends and holidays.
 * - days: Art. 134 only fixes the end ("at 24:00 of the last day of the limit"); it does not say
 *   whether the start day counts. This follows the general rule of the Civil Code 2015
 *   Art. 147(2)–(3): the day of the starting event is not counted, the limit runs from the next
 *   day. A 20-day limit from a tip received at any time on 1 March ends at 24:00 on 21 March.
 *   Calendar days: weekends and holidays inside the limit count.
 * - months: ends on "the same date of the later month; if that month has no such date, its last
 *   day" (Art. 134(1)): 15 Mar + 1 month = 15 Apr; 31 Jan + 1 month = 28 Feb (29 in a leap year).
 *   For `previous_limit` the start is the previous due instant, so the count runs from its last day.
 * - days and months: "if the limit ends on a day off, the first working day after it is the last
 *   day of the limit" (Art. 134(1)). The sentence sits with month limits in the text; it is applied
 *   to day limits too, as the Civil Code 2015 Art. 148(5) does for every limit in days or longer
 *   and as docs/legal-workflow.md requires: an office that is closed cannot act on its last day.
 * - working_days: the `length`-th working day after the start day (the start day is not counted,
 *   as for days), so it always ends on a working day. Working days are those of the public-servant
 *   calendar: not Saturday, Sunday or a public holiday; a make-up Saturday is a working day.
 */
export function computeDeadline(
  rule: Pick<DeadlineRule, 'length' | 'unit'>,
  start: Date,
  calendar: VietnamCalendar,
): Date {
  const startDay = localDateOf(start);
  switch (rule.unit) {
    case 'hours':
      return new Date(start.getTime() + rule.length * 60 * 60 * 1000);
    case 'days':
      return endOfLocalDay(nextWorkingDayFrom(addLocalDays(startDay, rule.length), calendar));
    case 'months':
      return endOfLocalDay(nextWorkingDayFrom(addLocalMonths(startDay, rule.length), calendar));
    case 'working_days': {
      let day = startDay;
      for (let counted = 0; counted < rule.length; ) {
        day = addLocalDays(day, 1);
        if (calendar.isWorkingDay(day)) counted += 1;
      }
      return endOfLocalDay(day);
    }
  }
}

/** `date` itself when it is a working day, otherwise the first working day after it. */
function nextWorkingDayFrom(date: LocalDate, calendar: VietnamCalendar): LocalDate {
  let day = date;
  while (!calendar.isWorkingDay(day)) day = addLocalDays(day, 1);
  return day;
}
