import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../../../src/platform/text/format-date.ts';

describe('dates as people in Vietnam read them', () => {
  // 16:59 UTC is 23:59 in Hà Nội; 17:00 UTC is already the next day there.
  it('shows the Asia/Ho_Chi_Minh day, whatever the server zone', () => {
    expect(formatDate(new Date('2026-03-10T16:59:00Z'), 'vi')).toBe('10/03/2026');
    expect(formatDate(new Date('2026-03-10T17:00:00Z'), 'en')).toBe('11/03/2026');
  });

  it('shows an instant with 24-hour local time', () => {
    expect(formatDateTime(new Date('2026-03-10T16:59:00Z'), 'vi')).toBe('23:59 10/03/2026');
    expect(formatDateTime(new Date('2026-03-10T05:05:00Z'), 'en')).toBe('10/03/2026, 12:05');
  });
});
