import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BusinessDate, parseBusinessDate } from './business-date.js';
import { daysBetween } from './business-date-arithmetic.js';
import { compareBusinessDates, maxBusinessDate, minBusinessDate } from './business-date-order.js';

const d = parseBusinessDate;
const anyBusinessDate = fc
  .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((instant) => instant.toISOString().slice(0, 10) as BusinessDate);

describe('compareBusinessDates', () => {
  it('orders 31 March before 1 April and 28 Feb before 29 Feb', () => {
    expect(compareBusinessDates(d('2024-03-31'), d('2024-04-01'))).toBe(-1);
    expect(compareBusinessDates(d('2024-02-29'), d('2024-02-28'))).toBe(1);
    expect(compareBusinessDates(d('2024-02-29'), d('2024-02-29'))).toBe(0);
  });

  it('agrees with chronological order', () => {
    fc.assert(
      fc.property(
        anyBusinessDate,
        anyBusinessDate,
        (a, b) => compareBusinessDates(a, b) === Math.sign(daysBetween(b, a)),
      ),
    );
  });

  it('sorts like Array.prototype.sort on the plain strings', () => {
    fc.assert(
      fc.property(fc.array(anyBusinessDate), (dates) => {
        expect(dates.toSorted(compareBusinessDates)).toEqual([...dates].sort());
      }),
    );
  });
});

describe('minBusinessDate and maxBusinessDate', () => {
  it('pick the extremes', () => {
    const dates = [d('2024-04-01'), d('2023-12-31'), d('2024-02-29')] as const;
    expect(minBusinessDate(...dates)).toBe('2023-12-31');
    expect(maxBusinessDate(...dates)).toBe('2024-04-01');
    expect(minBusinessDate(d('2024-01-01'))).toBe('2024-01-01');
  });

  it('bound every argument', () => {
    fc.assert(
      fc.property(anyBusinessDate, fc.array(anyBusinessDate), (first, rest) => {
        const all = [first, ...rest];
        const min = minBusinessDate(first, ...rest);
        const max = maxBusinessDate(first, ...rest);
        return all.includes(min) && all.includes(max) && all.every((date) => min <= date && date <= max);
      }),
    );
  });
});
