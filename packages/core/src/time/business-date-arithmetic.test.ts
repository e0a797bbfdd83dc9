import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index.js';
import { type BusinessDate, parseBusinessDate } from './business-date.js';
import {
  addDays,
  daysBetween,
  endOfMonth,
  epochDay,
  startOfMonthOffset,
} from './business-date-arithmetic.js';

const d = parseBusinessDate;

const anyBusinessDate = fc
  .date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9000-12-31T23:59:59Z'), noInvalidDate: true })
  .map((instant) => instant.toISOString().slice(0, 10) as BusinessDate);
const anyOffset = fc.integer({ min: -300_000, max: 300_000 });

describe('addDays', () => {
  it('crosses month ends, leap days and year ends', () => {
    expect(addDays(d('2024-03-31'), 1)).toBe('2024-04-01');
    expect(addDays(d('2024-04-01'), -1)).toBe('2024-03-31');
    expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(d('2024-02-29'), 1)).toBe('2024-03-01');
    expect(addDays(d('2023-02-28'), 1)).toBe('2023-03-01');
    expect(addDays(d('2023-12-31'), 1)).toBe('2024-01-01');
    expect(addDays(d('2024-02-29'), 365)).toBe('2025-02-28');
    expect(addDays(d('2024-03-31'), 0)).toBe('2024-03-31');
  });

  it('handles the earliest years without the Date.UTC two-digit-year trap', () => {
    expect(addDays(d('0050-12-31'), 1)).toBe('0051-01-01');
  });

  it('rejects fractional days and results outside years 1–9999', () => {
    expect(() => addDays(d('2024-01-01'), 0.5)).toThrow(ValidationError);
    expect(() => addDays(d('2024-01-01'), Number.NaN)).toThrow(ValidationError);
    expect(() => addDays(d('9999-12-31'), 1)).toThrow(ValidationError);
    expect(() => addDays(d('0001-01-01'), -1)).toThrow(ValidationError);
  });

  it('round-trips with daysBetween', () => {
    fc.assert(
      fc.property(anyBusinessDate, anyOffset, (date, days) => {
        const moved = addDays(date, days);
        return daysBetween(date, moved) === days && addDays(moved, -days) === date;
      }),
    );
  });

  it('is consistent with string order', () => {
    fc.assert(
      fc.property(anyBusinessDate, anyOffset, (date, days) => {
        const moved = addDays(date, days);
        return Math.sign(days) === (moved > date ? 1 : moved < date ? -1 : 0);
      }),
    );
  });
});

describe('daysBetween', () => {
  it('is to minus from in calendar days', () => {
    expect(daysBetween(d('2024-03-31'), d('2024-04-01'))).toBe(1);
    expect(daysBetween(d('2024-04-01'), d('2024-03-31'))).toBe(-1);
    expect(daysBetween(d('2024-02-01'), d('2024-03-01'))).toBe(29);
    expect(daysBetween(d('2023-02-01'), d('2023-03-01'))).toBe(28);
    expect(daysBetween(d('2023-04-01'), d('2024-04-01'))).toBe(366);
  });

  it('is antisymmetric and additive', () => {
    fc.assert(
      fc.property(anyBusinessDate, anyBusinessDate, anyBusinessDate, (a, b, c) => {
        return (
          daysBetween(a, b) === -daysBetween(b, a) &&
          daysBetween(a, b) + daysBetween(b, c) === daysBetween(a, c)
        );
      }),
    );
  });

  it('orders dates exactly as their strings do', () => {
    fc.assert(
      fc.property(
        anyBusinessDate,
        anyBusinessDate,
        (a, b) => Math.sign(daysBetween(a, b)) === (a < b ? 1 : a > b ? -1 : 0),
      ),
    );
  });
});

describe('endOfMonth', () => {
  it('knows month lengths and leap years', () => {
    expect(endOfMonth(d('2024-02-01'))).toBe('2024-02-29');
    expect(endOfMonth(d('2023-02-15'))).toBe('2023-02-28');
    expect(endOfMonth(d('2024-03-31'))).toBe('2024-03-31');
    expect(endOfMonth(d('2024-04-01'))).toBe('2024-04-30');
  });

  it('is the day before the first of the next month', () => {
    fc.assert(
      fc.property(anyBusinessDate, (date) => addDays(endOfMonth(date), 1) === startOfMonthOffset(date, 1)),
    );
  });
});

describe('startOfMonthOffset', () => {
  it('steps whole months across year boundaries in both directions', () => {
    expect(startOfMonthOffset(d('2023-11-15'), 3)).toBe('2024-02-01');
    expect(startOfMonthOffset(d('2024-01-31'), -1)).toBe('2023-12-01');
    expect(startOfMonthOffset(d('2024-01-31'), -13)).toBe('2022-12-01');
    expect(startOfMonthOffset(d('2024-01-31'), 0)).toBe('2024-01-01');
  });
});

describe('time-zone immunity', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  // Node re-reads TZ when it is assigned, so one process can try several zones, including ones
  // with DST at midnight (Sao Paulo, historically) and a skipped day (Apia, 30 Dec 2011).
  it.each([
    ['UTC', 0],
    ['Europe/London', -60],
    ['America/Sao_Paulo', 180],
    ['Pacific/Apia', -780],
    ['Pacific/Kiritimati', -840],
    ['America/Adak', 540],
  ])('gives the same answers in %s', (zone, julyOffsetMinutes) => {
    process.env.TZ = zone;
    // Proves the zone really switched, so the assertions below are not vacuous.
    expect(new Date(2024, 6, 1).getTimezoneOffset()).toBe(julyOffsetMinutes);
    expect(addDays(d('2011-12-29'), 1)).toBe('2011-12-30');
    expect(addDays(d('2024-03-30'), 2)).toBe('2024-04-01');
    expect(daysBetween(d('2024-03-30'), d('2024-10-28'))).toBe(212);
    expect(daysBetween(d('2018-11-03'), d('2018-11-05'))).toBe(2);
    expect(endOfMonth(d('2011-12-01'))).toBe('2011-12-31');
  });
});

describe('epochDay', () => {
  const everyYear = fc
    .date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    .map((instant) => instant.toISOString().slice(0, 10) as BusinessDate);

  it('counts days from 1970-01-01 exactly as the Date arithmetic does, over years 1–9999', () => {
    fc.assert(
      fc.property(everyYear, (date) => {
        const utc = new Date(0);
        utc.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
        expect(epochDay(date)).toBe(Math.round(utc.getTime() / 86_400_000));
      }),
      { numRuns: 2_000 },
    );
  });

  it('knows the edges and the leap days', () => {
    expect(epochDay(d('1970-01-01'))).toBe(0);
    expect(epochDay(d('1969-12-31'))).toBe(-1);
    expect(epochDay(d('2000-03-01')) - epochDay(d('2000-02-28'))).toBe(2);
    expect(epochDay(d('1900-03-01')) - epochDay(d('1900-02-28'))).toBe(1);
    expect(epochDay(d('0001-01-01'))).toBe(-719_162);
  });
});
