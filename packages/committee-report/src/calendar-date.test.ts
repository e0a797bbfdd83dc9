import { describe, expect, it } from 'vitest';
import {
  dayNumber,
  formatDateRange,
  formatLongDate,
  formatShortDate,
  formatShortDateText,
  parseCalendarDate,
} from './calendar-date.js';

const d = (text: string) => {
  const date = parseCalendarDate(text);
  if (!date) throw new Error(`bad test date ${text}`);
  return date;
};

describe('calendar dates', () => {
  it('reads ISO days that exist and nothing else', () => {
    expect(parseCalendarDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseCalendarDate('2023-02-29')).toBeUndefined();
    expect(parseCalendarDate('2020-04-31')).toBeUndefined();
    expect(parseCalendarDate('1900-02-29')).toBeUndefined();
    expect(parseCalendarDate('2000-02-29')).toBeDefined();
    expect(parseCalendarDate('31-Mar-2024')).toBeUndefined();
    expect(parseCalendarDate('2024-3-31')).toBeUndefined();
    expect(parseCalendarDate('2024-13-01')).toBeUndefined();
  });

  it('counts calendar days across month, year and leap-day boundaries', () => {
    expect(dayNumber(d('1970-01-01'))).toBe(0);
    expect(dayNumber(d('2024-04-01')) - dayNumber(d('2024-03-31'))).toBe(1);
    expect(dayNumber(d('2024-03-01')) - dayNumber(d('2024-02-28'))).toBe(2);
    expect(dayNumber(d('2023-03-01')) - dayNumber(d('2023-02-28'))).toBe(1);
    expect(dayNumber(d('2024-03-31')) - dayNumber(d('2023-12-31'))).toBe(91);
    expect(dayNumber(d('1969-12-31'))).toBe(-1);
  });

  it('matches Date.UTC for every day over four centuries, sampled', () => {
    for (let day = -150_000; day <= 150_000; day += 997) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      expect(dayNumber(d(iso))).toBe(day);
    }
  });

  it('prints dates the way committee papers do', () => {
    expect(formatLongDate(d('2023-12-31'))).toBe('31 December 2023');
    expect(formatShortDate(d('2019-09-30'))).toBe('30 Sep 2019');
    expect(formatShortDateText('2019-09-30')).toBe('30 Sep 2019');
    expect(formatShortDateText('sometime')).toBe('sometime');
    expect(formatDateRange(d('2023-10-01'), d('2023-12-31'))).toBe('1 October – 31 December 2023');
    expect(formatDateRange(d('2023-11-01'), d('2024-01-31'))).toBe('1 November 2023 – 31 January 2024');
  });
});
