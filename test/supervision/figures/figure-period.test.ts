import { describe, expect, it } from 'vitest';
import {
  customPeriod,
  monthPeriod,
  quarterPeriod,
  yearPeriod,
} from '../../../src/supervision/figures/figure-period.ts';

const utc = (text: string) => new Date(text);

describe('figure periods in Vietnam time', () => {
  it('starts a month at local midnight (17:00 UTC the day before) and ends at the next', () => {
    expect(monthPeriod(2026, 11)).toEqual({
      from: utc('2026-10-31T17:00:00Z'),
      to: utc('2026-11-30T17:00:00Z'),
    });
    expect(monthPeriod(2026, 12)).toEqual({
      from: utc('2026-11-30T17:00:00Z'),
      to: utc('2026-12-31T17:00:00Z'),
    });
    expect(monthPeriod(2028, 2).to).toEqual(utc('2028-02-29T17:00:00Z'));
  });

  it('makes quarters and years of whole months', () => {
    expect(quarterPeriod(2026, 4)).toEqual({
      from: utc('2026-09-30T17:00:00Z'),
      to: utc('2026-12-31T17:00:00Z'),
    });
    expect(quarterPeriod(2027, 1).from).toEqual(utc('2026-12-31T17:00:00Z'));
    expect(yearPeriod(2026)).toEqual({ from: utc('2025-12-31T17:00:00Z'), to: utc('2026-12-31T17:00:00Z') });
  });

  it('takes a custom period as whole days, the last one included', () => {
    expect(customPeriod('2026-11-10', '2026-11-20')).toEqual({
      from: utc('2026-11-09T17:00:00Z'),
      to: utc('2026-11-20T17:00:00Z'),
    });
    expect(customPeriod('2026-11-10', '2026-11-10').to).toEqual(utc('2026-11-10T17:00:00Z'));
  });

  it('refuses days, months and quarters that do not exist', () => {
    expect(() => customPeriod('2026-02-30', '2026-03-01')).toThrow(RangeError);
    expect(() => customPeriod('2026-11-20', '2026-11-10')).toThrow(RangeError);
    expect(() => customPeriod('20.11.2026', '2026-11-30')).toThrow(RangeError);
    expect(() => monthPeriod(2026, 13)).toThrow(RangeError);
    expect(() => quarterPeriod(2026, 0)).toThrow(RangeError);
  });
});
