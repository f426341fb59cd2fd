import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPublicHolidays } from '../../../src/triage/deadlines/load-public-holidays.ts';

const shippedFile = new URL('../../../src/triage/deadlines/public-holidays.json', import.meta.url);
const list = loadPublicHolidays();
const years = [2024, 2025, 2026, 2027, 2028];

function writeList(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'holidays-')), 'holidays.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('public-holidays.json', () => {
  it('loads and covers exactly 2024–2028', () => {
    expect(list.years).toEqual(years);
    for (const entry of [...list.holidays, ...list.makeUpWorkingDays])
      expect(years).toContain(Number(entry.date.slice(0, 4)));
  });

  it('holds valid ISO dates, sorted, each once', () => {
    const dates = list.holidays.map((h) => h.date);
    for (const date of dates) {
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
    }
    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates).size).toBe(dates.length);
  });

  it.each(years)('has New Year, Tết, Hùng Kings, 30/4, 1/5 and National Day 2/9 in %i', (year) => {
    const of = (occasion: string) =>
      list.holidays.filter((h) => h.occasion === occasion && h.date.startsWith(`${year}-`));
    expect(of('new_year').map((h) => h.date)).toContain(`${year}-01-01`);
    expect(of('lunar_new_year').length).toBeGreaterThanOrEqual(5);
    expect(of('hung_kings').length).toBeGreaterThanOrEqual(1);
    expect(of('reunification').map((h) => h.date)).toContain(`${year}-04-30`);
    expect(of('labour_day').map((h) => h.date)).toContain(`${year}-05-01`);
    expect(of('national_day').map((h) => h.date)).toContain(`${year}-09-02`);
    // 2/9 and its adjacent day, plus a compensatory day when one of them is on a weekend (2028).
    expect(of('national_day').length).toBeGreaterThanOrEqual(2);
  });

  it('has the announced Tết breaks for 2024, 2025 and 2026', () => {
    const tet = (year: number) =>
      list.holidays
        .filter((h) => h.occasion === 'lunar_new_year' && h.date.startsWith(`${year}-`))
        .map((h) => h.date);
    expect(tet(2024)[0]).toBe('2024-02-08');
    expect(tet(2024).at(-1)).toBe('2024-02-14');
    expect(tet(2024)).toHaveLength(7);
    expect(tet(2025)[0]).toBe('2025-01-25');
    expect(tet(2025).at(-1)).toBe('2025-02-02');
    expect(tet(2025)).toHaveLength(9);
    expect(tet(2026)[0]).toBe('2026-02-14');
    expect(tet(2026).at(-1)).toBe('2026-02-22');
    expect(tet(2026)).toHaveLength(9);
  });

  it('marks every derived 2027 Tết day as assumed', () => {
    const tet2027 = list.holidays.filter(
      (h) => h.occasion === 'lunar_new_year' && h.date.startsWith('2027-'),
    );
    expect(tet2027.length).toBeGreaterThanOrEqual(5);
    expect(tet2027.every((h) => h.kind === 'assumed')).toBe(true);
  });

  it('derives 2028 from the Labour Code and marks everything not yet announced as assumed', () => {
    const of2028 = list.holidays.filter((h) => h.date.startsWith('2028-'));
    const dates = (occasion: string) => of2028.filter((h) => h.occasion === occasion).map((h) => h.date);
    // Sat 1 Jan: compensatory Mon 3 Jan.
    expect(dates('new_year')).toEqual(['2028-01-01', '2028-01-03']);
    // Lunar new year Wed 26 Jan 2028: Mon 24–Fri 28 off with the weekends around them, as in 2025.
    expect(dates('lunar_new_year')).toEqual(Array.from({ length: 9 }, (_, i) => `2028-01-${22 + i}`));
    // 10/3 of the lunar year Mậu Thân (the third month begins on 26 Mar 2028).
    expect(dates('hung_kings')).toEqual(['2028-04-04']);
    // Sun 30 Apr: compensatory Tue 2 May, after Labour Day on Mon 1 May.
    expect(dates('reunification')).toEqual(['2028-04-30', '2028-05-02']);
    expect(dates('labour_day')).toEqual(['2028-05-01']);
    // Sat 2 Sep: adjacent day Fri 1 Sep, compensatory Mon 4 Sep.
    expect(dates('national_day')).toEqual(['2028-09-01', '2028-09-02', '2028-09-04']);
    const fixedByLaw = ['2028-01-01', '2028-04-30', '2028-05-01', '2028-09-02'];
    for (const h of of2028) {
      expect(h.kind, h.date).toBe(fixedByLaw.includes(h.date) ? 'holiday' : 'assumed');
      if (h.kind === 'assumed') expect(h.source, h.date).toMatch(/not yet announced/);
    }
  });

  it('gives every entry a name in both languages and a source', () => {
    for (const h of list.holidays) {
      expect(h.nameVi).not.toBe('');
      expect(h.nameEn).not.toBe('');
      expect(h.source).not.toBe('');
    }
  });

  it('explains its assumptions', () => {
    const raw = JSON.parse(readFileSync(shippedFile, 'utf8')) as { note: string };
    expect(raw.note).toMatch(/assum/i);
  });
});

describe('loadPublicHolidays(path)', () => {
  const valid = {
    years: [2028],
    holidays: [
      {
        date: '2028-01-01',
        occasion: 'new_year',
        name_vi: 'Tết Dương lịch',
        name_en: 'New Year',
        kind: 'holiday',
        source: 'x',
      },
    ],
  };

  it('reads another file in place of the shipped list', () => {
    const loaded = loadPublicHolidays(writeList(valid));
    expect(loaded.years).toEqual([2028]);
    expect(loaded.holidays.map((h) => h.date)).toEqual(['2028-01-01']);
    expect(loaded.makeUpWorkingDays).toEqual([]);
  });

  it('rejects an impossible date', () => {
    const bad = { ...valid, holidays: [{ ...valid.holidays[0], date: '2027-02-29' }], years: [2027] };
    expect(() => loadPublicHolidays(writeList(bad))).toThrow(/not a calendar date/);
  });

  it('rejects a date outside the declared years', () => {
    expect(() => loadPublicHolidays(writeList({ ...valid, years: [2029] }))).toThrow(
      /outside the declared years/,
    );
  });

  it('rejects a date listed twice', () => {
    const twice = { ...valid, holidays: [valid.holidays[0], valid.holidays[0]] };
    expect(() => loadPublicHolidays(writeList(twice))).toThrow(/listed twice/);
  });

  it('rejects a make-up working day that is not a weekend day', () => {
    const weekday = {
      ...valid,
      make_up_working_days: [{ date: '2028-01-03', name_vi: 'x', name_en: 'x', source: 'x' }],
    };
    expect(() => loadPublicHolidays(writeList(weekday))).toThrow(/not a weekend day/);
  });

  it('names the file when it cannot be read', () => {
    expect(() => loadPublicHolidays('/nonexistent/holidays.json')).toThrow(/\/nonexistent\/holidays\.json/);
  });
});
