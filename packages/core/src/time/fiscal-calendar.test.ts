import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index.js';
import { type BusinessDate, parseBusinessDate } from './business-date.js';
import { addDays, daysBetween } from './business-date-arithmetic.js';
import { createFiscalCalendar, ukFiscalCalendar } from './fiscal-calendar.js';
import type { FiscalQuarterNumber } from './fiscal-quarter.js';

const d = parseBusinessDate;
const anyBusinessDate = fc
  .date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2300-12-31T23:59:59Z'), noInvalidDate: true })
  .map((instant) => instant.toISOString().slice(0, 10) as BusinessDate);
const anyCalendar = fc.integer({ min: 1, max: 12 }).map((startMonth) => createFiscalCalendar({ startMonth }));
const anyQuarter = fc.constantFrom<FiscalQuarterNumber>(1, 2, 3, 4);

describe('ukFiscalCalendar', () => {
  it('starts the year on 1 April', () => {
    expect(ukFiscalCalendar.startMonth).toBe(4);
    expect(ukFiscalCalendar.fiscalYearOf(d('2024-03-31'))).toEqual({ startYear: 2023, label: '2023/24' });
    expect(ukFiscalCalendar.fiscalYearOf(d('2024-04-01'))).toEqual({ startYear: 2024, label: '2024/25' });
  });

  it('puts 31 March 2024 in 2023/24 Q4 and 1 April 2024 in 2024/25 Q1', () => {
    expect(ukFiscalCalendar.quarterOf(d('2024-03-31'))).toEqual({
      fy: { startYear: 2023, label: '2023/24' },
      quarter: 4,
      start: '2024-01-01',
      end: '2024-03-31',
      label: '2023/24 Q4',
    });
    expect(ukFiscalCalendar.quarterOf(d('2024-04-01'))).toMatchObject({
      quarter: 1,
      start: '2024-04-01',
      end: '2024-06-30',
      label: '2024/25 Q1',
    });
  });

  it('puts 29 February 2024 in 2023/24 Q4', () => {
    expect(ukFiscalCalendar.quarterOf(d('2024-02-29')).label).toBe('2023/24 Q4');
  });

  it('gives Q3 2023/24 as October to December 2023, however the year is written', () => {
    for (const fy of ['2023/24', '2023-24', '2023/2024', 2023, { startYear: 2023, label: '2023/24' }]) {
      const q3 = ukFiscalCalendar.quarterBounds(fy, 3);
      expect([q3.start, q3.end, q3.label]).toEqual(['2023-10-01', '2023-12-31', '2023/24 Q3']);
    }
  });

  it('gives Q4 a leap day when the year has one', () => {
    expect(ukFiscalCalendar.quarterBounds('2023/24', 4).end).toBe('2024-03-31');
    expect(daysBetween(...bounds(ukFiscalCalendar.quarterBounds('2023/24', 4)))).toBe(90);
    expect(daysBetween(...bounds(ukFiscalCalendar.quarterBounds('2022/23', 4)))).toBe(89);
  });

  it('rejects bad years and quarters with ValidationError', () => {
    expect(() => ukFiscalCalendar.quarterBounds('2023/25', 1)).toThrow(ValidationError);
    expect(() => ukFiscalCalendar.quarterBounds('abc', 1)).toThrow(/"abc"/);
    expect(() => ukFiscalCalendar.quarterBounds('2023/24', 5 as FiscalQuarterNumber)).toThrow(/quarter 5/);
    expect(() => ukFiscalCalendar.quarterBounds(2023, 0 as FiscalQuarterNumber)).toThrow(ValidationError);
    expect(() => ukFiscalCalendar.parseFiscalYear('2023/25')).toThrow(ValidationError);
  });

  it('gives year bounds', () => {
    expect(ukFiscalCalendar.yearBounds('2023/24')).toEqual({
      fy: { startYear: 2023, label: '2023/24' },
      start: '2023-04-01',
      end: '2024-03-31',
    });
  });

  it('parses labels', () => {
    expect(ukFiscalCalendar.parseFiscalYear('2019-20')).toEqual({ startYear: 2019, label: '2019/20' });
  });

  it('works when its members are destructured', () => {
    const { quarterOf, quartersBetween } = ukFiscalCalendar;
    expect(quarterOf(d('2023-12-31')).label).toBe('2023/24 Q3');
    expect(quartersBetween(d('2023-12-31'), d('2024-03-31'))).toBe(1);
  });

  it('is frozen, as are the values it returns', () => {
    expect(Object.isFrozen(ukFiscalCalendar)).toBe(true);
    const q = ukFiscalCalendar.quarterOf(d('2024-01-15'));
    expect(Object.isFrozen(q)).toBe(true);
    expect(Object.isFrozen(q.fy)).toBe(true);
  });
});

describe('other start months', () => {
  it('labels January years "2023" and uses calendar quarters', () => {
    const calendar = createFiscalCalendar({ startMonth: 1 });
    expect(calendar.quarterOf(d('2024-02-29'))).toMatchObject({
      fy: { startYear: 2024, label: '2024' },
      quarter: 1,
      start: '2024-01-01',
      end: '2024-03-31',
      label: '2024 Q1',
    });
    expect(calendar.yearBounds(2023)).toMatchObject({ start: '2023-01-01', end: '2023-12-31' });
    expect(calendar.quarterBounds('2023', 4)).toMatchObject({ start: '2023-10-01', end: '2023-12-31' });
    expect(() => calendar.quarterBounds('2023/24', 4)).toThrow(ValidationError);
  });

  it('runs July years from July to June', () => {
    const calendar = createFiscalCalendar({ startMonth: 7 });
    expect(calendar.quarterOf(d('2023-06-30')).label).toBe('2022/23 Q4');
    expect(calendar.quarterOf(d('2023-07-01')).label).toBe('2023/24 Q1');
    expect(calendar.quarterOf(d('2024-02-29'))).toMatchObject({
      quarter: 3,
      start: '2024-01-01',
      end: '2024-03-31',
    });
    expect(calendar.yearBounds('2023/24')).toMatchObject({ start: '2023-07-01', end: '2024-06-30' });
  });

  it('handles a November start, whose quarters straddle calendar years', () => {
    const calendar = createFiscalCalendar({ startMonth: 11 });
    expect(calendar.quarterBounds('2023/24', 1)).toMatchObject({ start: '2023-11-01', end: '2024-01-31' });
    expect(calendar.quarterOf(d('2024-02-29'))).toMatchObject({
      quarter: 2,
      start: '2024-02-01',
      end: '2024-04-30',
    });
  });

  it.each([0, 13, 4.5, Number.NaN])('rejects start month %s', (startMonth) => {
    expect(() => createFiscalCalendar({ startMonth })).toThrow(ValidationError);
  });
});

describe('quarterEndsBetween', () => {
  it('lists the quarter ends inside an inclusive range', () => {
    const labels = (from: string, to: string) =>
      ukFiscalCalendar.quarterEndsBetween(d(from), d(to)).map((quarter) => quarter.label);
    expect(labels('2023-04-01', '2024-03-31')).toEqual([
      '2023/24 Q1',
      '2023/24 Q2',
      '2023/24 Q3',
      '2023/24 Q4',
    ]);
    expect(labels('2023-06-30', '2023-06-30')).toEqual(['2023/24 Q1']);
    expect(labels('2023-07-01', '2023-09-29')).toEqual([]);
    expect(labels('2024-01-01', '2023-01-01')).toEqual([]);
  });

  it('lists exactly the quarter ends in range, consecutively', () => {
    fc.assert(
      fc.property(anyCalendar, anyBusinessDate, fc.integer({ min: 0, max: 2000 }), (calendar, from, span) => {
        const to = addDays(from, span);
        const ends = calendar.quarterEndsBetween(from, to);
        for (const quarter of ends) expect(from <= quarter.end && quarter.end <= to).toBe(true);
        for (let i = 1; i < ends.length; i++) expect(addDays(ends[i - 1]!.end, 1)).toBe(ends[i]!.start);
        // The first listed is the quarter containing `from`: no earlier quarter can end in range.
        if (ends.length > 0) expect(ends[0]).toEqual(calendar.quarterOf(from));
        // The quarter after the last one listed must end after `to`.
        const last = ends.at(-1);
        const next = calendar.quarterOf(last === undefined ? from : addDays(last.end, 1));
        expect(next.end > to).toBe(true);
      }),
    );
  });
});

describe('quartersBetween', () => {
  it('counts quarter boundaries, signed', () => {
    const between = (a: string, b: string) => ukFiscalCalendar.quartersBetween(d(a), d(b));
    expect(between('2023-12-31', '2024-03-31')).toBe(1);
    expect(between('2024-03-31', '2024-04-01')).toBe(1);
    expect(between('2024-01-01', '2024-03-31')).toBe(0);
    expect(between('2019-06-30', '2020-12-31')).toBe(6);
    expect(between('2024-03-31', '2023-12-31')).toBe(-1);
  });

  it('agrees with the number of quarter ends crossed', () => {
    fc.assert(
      fc.property(anyCalendar, anyBusinessDate, fc.integer({ min: 0, max: 2000 }), (calendar, a, span) => {
        const b = addDays(a, span);
        const crossed = calendar.quarterEndsBetween(a, addDays(calendar.quarterOf(b).start, -1)).length;
        return calendar.quartersBetween(a, b) === crossed && calendar.quartersBetween(b, a) === -crossed;
      }),
    );
  });
});

describe('quarter properties', () => {
  it('places every date within its quarter and its year', () => {
    fc.assert(
      fc.property(anyCalendar, anyBusinessDate, (calendar, date) => {
        const quarter = calendar.quarterOf(date);
        const year = calendar.yearBounds(quarter.fy);
        expect(quarter.start <= date && date <= quarter.end).toBe(true);
        expect(year.start <= date && date <= year.end).toBe(true);
        expect(quarter.fy).toEqual(calendar.fiscalYearOf(date));
      }),
    );
  });

  it('round-trips quarterBounds(quarterOf(d))', () => {
    fc.assert(
      fc.property(anyCalendar, anyBusinessDate, (calendar, date) => {
        const quarter = calendar.quarterOf(date);
        expect(calendar.quarterBounds(quarter.fy, quarter.quarter)).toEqual(quarter);
        expect(calendar.quarterBounds(quarter.fy.label, quarter.quarter)).toEqual(quarter);
      }),
    );
  });

  it('tiles each year with four quarters, no gaps or overlaps', () => {
    fc.assert(
      fc.property(anyCalendar, fc.integer({ min: 1801, max: 2299 }), (calendar, startYear) => {
        const year = calendar.yearBounds(startYear);
        const quarters = ([1, 2, 3, 4] as const).map((q) => calendar.quarterBounds(startYear, q));
        expect(quarters[0]!.start).toBe(year.start);
        expect(quarters[3]!.end).toBe(year.end);
        for (let i = 1; i < 4; i++) expect(addDays(quarters[i - 1]!.end, 1)).toBe(quarters[i]!.start);
        expect(addDays(year.end, 1)).toBe(calendar.yearBounds(startYear + 1).start);
      }),
    );
  });

  it('makes every quarter three whole months long', () => {
    fc.assert(
      fc.property(anyCalendar, fc.integer({ min: 1801, max: 2299 }), anyQuarter, (calendar, startYear, q) => {
        const quarter = calendar.quarterBounds(startYear, q);
        const length = daysBetween(quarter.start, quarter.end) + 1;
        return quarter.start.endsWith('-01') && length >= 89 && length <= 92;
      }),
    );
  });
});

describe('the edges of years 1–9999', () => {
  it('reaches 9999-12-31 in a January calendar', () => {
    const calendar = createFiscalCalendar({ startMonth: 1 });
    expect(calendar.yearBounds(9999)).toMatchObject({ start: '9999-01-01', end: '9999-12-31' });
    expect(calendar.quarterOf(d('9999-12-31'))).toMatchObject({ start: '9999-10-01', label: '9999 Q4' });
    expect(calendar.quarterEndsBetween(d('9999-01-01'), d('9999-12-31')).map((q) => q.quarter)).toEqual([
      1, 2, 3, 4,
    ]);
  });

  it('is total at the edges in an April calendar: legacy dates get a year, never an error', () => {
    expect(ukFiscalCalendar.yearBounds(9998).end).toBe('9999-03-31');
    expect(ukFiscalCalendar.quarterOf(d('0001-04-01')).label).toBe('0001/02 Q1');
    expect(ukFiscalCalendar.quarterOf(d('0001-03-31'))).toMatchObject({
      fy: { startYear: 0, label: '0000/01' },
      start: '0001-01-01',
      end: '0001-03-31',
      label: '0000/01 Q4',
    });
    expect(ukFiscalCalendar.quarterOf(d('9999-12-31'))).toMatchObject({ label: '9999/00 Q3' });
    expect(ukFiscalCalendar.yearBounds(ukFiscalCalendar.fiscalYearOf(d('9999-12-31')))).toMatchObject({
      start: '9999-04-01',
      end: '9999-12-31',
    });
    expect(ukFiscalCalendar.quartersBetween(d('0001-01-01'), d('9999-12-31'))).toBe(39_995);
    // Labels and numbers are still input, and still refused when their year cannot be written.
    expect(() => ukFiscalCalendar.yearBounds(9999)).toThrow(ValidationError);
    expect(() => ukFiscalCalendar.parseFiscalYear('0000/01')).toThrow(ValidationError);
  });

  it('is total over every representable date for every start month', () => {
    const representable = fc
      .date({
        min: new Date('0001-01-01T00:00:00Z'),
        max: new Date('9999-12-31T23:59:59Z'),
        noInvalidDate: true,
      })
      .map((instant) => instant.toISOString().slice(0, 10) as BusinessDate);
    const edges = fc.constantFrom(
      ...['0001-01-01', '0001-03-31', '0001-12-31', '9999-01-01', '9999-12-31'].map(d),
    );
    fc.assert(
      fc.property(
        anyCalendar,
        fc.oneof(representable, edges),
        fc.oneof(representable, edges),
        (calendar, a, b) => {
          const quarter = calendar.quarterOf(a);
          expect(quarter.start <= a && a <= quarter.end).toBe(true);
          expect(calendar.yearBounds(calendar.fiscalYearOf(a)).start <= a).toBe(true);
          expect(calendar.quarterBounds(quarter.fy, quarter.quarter)).toEqual(quarter);
          expect(Number.isSafeInteger(calendar.quartersBetween(a, b))).toBe(true);
          expect(Number.isSafeInteger(daysBetween(a, b))).toBe(true);
        },
      ),
    );
  });

  it('keeps two-digit years out of the 1900s', () => {
    expect(ukFiscalCalendar.quarterOf(d('0050-02-10'))).toMatchObject({
      fy: { startYear: 49, label: '0049/50' },
      start: '0050-01-01',
      end: '0050-03-31',
    });
    expect(ukFiscalCalendar.yearBounds(99)).toMatchObject({ start: '0099-04-01', end: '0100-03-31' });
  });
});

describe('time-zone immunity', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it.each(['UTC', 'Europe/London', 'America/Sao_Paulo', 'Pacific/Apia', 'Pacific/Kiritimati'])(
    'gives the same quarters in %s',
    (zone) => {
      process.env.TZ = zone;
      expect(ukFiscalCalendar.quarterOf(d('2024-03-31'))).toMatchObject({
        start: '2024-01-01',
        end: '2024-03-31',
      });
      expect(ukFiscalCalendar.quarterOf(d('2024-04-01')).label).toBe('2024/25 Q1');
      expect(ukFiscalCalendar.quarterBounds('2011/12', 3)).toMatchObject({
        start: '2011-10-01',
        end: '2011-12-31',
      });
      expect(ukFiscalCalendar.quartersBetween(d('2019-06-30'), d('2020-12-31'))).toBe(6);
    },
  );
});

function bounds(quarter: {
  readonly start: BusinessDate;
  readonly end: BusinessDate;
}): [BusinessDate, BusinessDate] {
  return [quarter.start, quarter.end];
}
