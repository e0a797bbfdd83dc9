import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index.js';
import { ukFiscalCalendar } from './fiscal-calendar.js';
import {
  compareIndicatorPeriods,
  financialYearOfPeriod,
  indicatorPeriodContains,
  indicatorPeriodInputSchema,
  indicatorPeriodLabelSchema,
  isIndicatorPeriodLabel,
  nextIndicatorPeriod,
  parseIndicatorPeriod,
  previousIndicatorPeriod,
  samePeriodLastYear,
} from './indicator-period.js';

const p = parseIndicatorPeriod;

const anyPeriod = fc.oneof(
  fc
    .record({ y: fc.integer({ min: 1900, max: 2199 }), m: fc.integer({ min: 1, max: 12 }) })
    .map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`),
  fc
    .record({ y: fc.integer({ min: 1900, max: 2198 }), q: fc.integer({ min: 1, max: 4 }) })
    .map(({ y, q }) => `${y}/${String((y + 1) % 100).padStart(2, '0')} Q${q}`),
  fc.integer({ min: 1900, max: 2198 }).map((y) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`),
);

describe('parseIndicatorPeriod', () => {
  it('reads months, quarters and financial years in their stored spelling', () => {
    expect(p('2019-06')).toEqual({
      kind: 'month',
      label: '2019-06',
      fyStartYear: 2019,
      quarter: null,
      month: 6,
      start: '2019-06-01',
      end: '2019-06-30',
    });
    expect(p('2019/20 Q1')).toMatchObject({
      kind: 'quarter',
      start: '2019-04-01',
      end: '2019-06-30',
      quarter: 1,
    });
    expect(p('2019/20 Q4')).toMatchObject({ start: '2020-01-01', end: '2020-03-31' });
    expect(p('2019/20')).toMatchObject({ kind: 'year', start: '2019-04-01', end: '2020-03-31' });
  });

  it('reads the spellings councils print and stores one label', () => {
    expect(p('June 2019').label).toBe('2019-06');
    expect(p('Sept 2019').label).toBe('2019-09');
    expect(p('Jun-2019').label).toBe('2019-06');
    expect(p('Q1 2019/20').label).toBe('2019/20 Q1');
    expect(p('q3 2019-20').label).toBe('2019/20 Q3');
    expect(p('2019-20 Q2').label).toBe('2019/20 Q2');
    expect(p('2019-20').label).toBe('2019/20');
    expect(p('2019/2020').label).toBe('2019/20');
    expect(p('FY2018/19').label).toBe('2018/19');
    expect(p('2011-12').label).toBe('2011-12');
  });

  it('puts January to March in the financial year that started the April before', () => {
    expect(p('2020-03').fyStartYear).toBe(2019);
    expect(p('2020-04').fyStartYear).toBe(2020);
    expect(financialYearOfPeriod(p('2020-03')).label).toBe('2019/20');
    expect(financialYearOfPeriod(p('2020-04')).label).toBe('2020/21');
  });

  it('ends February on the 29th in a leap year', () => {
    expect(p('2020-02').end).toBe('2020-02-29');
    expect(p('2019-02').end).toBe('2019-02-28');
    expect(p('2019/20 Q4').end).toBe('2020-03-31');
  });

  it('refuses what is not a period, naming it', () => {
    for (const text of [
      '2019',
      '2019-00',
      '2019-13',
      'Smarch 2019',
      '2019/21',
      'Q5 2019/20',
      '',
      '2199/00',
      '1899-12',
    ]) {
      expect(() => p(text), text).toThrow(ValidationError);
    }
    expect(() => p('2019/21')).toThrow(/"2019\/21".*follow 2019/);
    expect(() => p('2019')).toThrow(/a month/);
  });

  it('agrees with the fiscal calendar on every quarter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2198 }), fc.constantFrom(1, 2, 3, 4), (y, q) => {
        const quarter = ukFiscalCalendar.quarterBounds(y, q as 1 | 2 | 3 | 4);
        const period = p(quarter.label);
        expect([period.start, period.end]).toEqual([quarter.start, quarter.end]);
      }),
    );
  });
});

describe('indicator period labels', () => {
  it('round-trips every label and knows the stored spelling', () => {
    fc.assert(
      fc.property(anyPeriod, (label) => {
        expect(p(label).label).toBe(label);
        expect(isIndicatorPeriodLabel(label)).toBe(true);
      }),
    );
    expect(isIndicatorPeriodLabel('Q1 2019/20')).toBe(false);
    expect(indicatorPeriodLabelSchema.safeParse('June 2019').success).toBe(false);
    expect(indicatorPeriodInputSchema.parse('June 2019')).toBe('2019-06');
    expect(indicatorPeriodInputSchema.safeParse('2019').success).toBe(false);
  });
});

describe('previous, next and the same period last year', () => {
  it('steps across year ends', () => {
    expect(previousIndicatorPeriod(p('2019/20 Q1'))?.label).toBe('2018/19 Q4');
    expect(previousIndicatorPeriod(p('2020-01'))?.label).toBe('2019-12');
    expect(previousIndicatorPeriod(p('2019/20'))?.label).toBe('2018/19');
    expect(nextIndicatorPeriod(p('2019/20 Q4'))?.label).toBe('2020/21 Q1');
    expect(samePeriodLastYear(p('2019/20 Q3'))?.label).toBe('2018/19 Q3');
    expect(samePeriodLastYear(p('2020-02'))?.label).toBe('2019-02');
    expect(samePeriodLastYear(p('2019/20'))?.label).toBe('2018/19');
  });

  it('stops at the edges of the business-date range', () => {
    expect(previousIndicatorPeriod(p('1900-01'))).toBeUndefined();
    expect(nextIndicatorPeriod(p('2199-12'))).toBeUndefined();
    expect(nextIndicatorPeriod(p('2198/99'))).toBeUndefined();
  });

  it('previous then next is the identity, and periods follow each other without gaps', () => {
    fc.assert(
      fc.property(anyPeriod, (label) => {
        const period = p(label);
        const before = previousIndicatorPeriod(period);
        if (before === undefined) return;
        expect(nextIndicatorPeriod(before)?.label).toBe(label);
        expect(compareIndicatorPeriods(before, period)).toBeLessThan(0);
      }),
    );
  });
});

describe('order and containment', () => {
  it('orders by last day, the shorter period first', () => {
    const sorted = ['2019/20', '2019-05', '2019/20 Q1', '2019-06'].map(p).sort(compareIndicatorPeriods);
    expect(sorted.map((x) => x.label)).toEqual(['2019-05', '2019-06', '2019/20 Q1', '2019/20']);
  });

  it('a year contains its quarters and months, not the next year’s', () => {
    expect(indicatorPeriodContains(p('2019/20'), p('2019/20 Q4'))).toBe(true);
    expect(indicatorPeriodContains(p('2019/20'), p('2020-03'))).toBe(true);
    expect(indicatorPeriodContains(p('2019/20'), p('2020-04'))).toBe(false);
  });
});
