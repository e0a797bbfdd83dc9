import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCountWithPercent, formatPercent, formatWholeNumber } from './format-count-with-percent.js';

describe('formatCountWithPercent', () => {
  it.each([
    [20, 40, '20 (50%)'],
    [11, 40, '11 (27.5%)'],
    [8, 40, '8 (20%)'],
    [1, 40, '1 (2.5%)'],
    [0, 40, '0 (0%)'],
    [40, 40, '40 (100%)'],
    [0, 0, '0 (0%)'],
    [2, 12, '2 (16.7%)'],
    [5, 12, '5 (41.7%)'],
    [10, 14, '10 (71.4%)'],
    [1, 14, '1 (7.1%)'],
    [1, 3, '1 (33.3%)'],
    [2, 3, '2 (66.7%)'],
    [1, 8, '1 (12.5%)'],
    [1, 16, '1 (6.3%)'],
    [1234, 2000, '1,234 (61.7%)'],
  ])('prints %i of %i as %s', (count, total, expected) => {
    expect(formatCountWithPercent(count, total)).toBe(expected);
  });

  it('rounds exact halves up (1/16 is 6.25%, 3/16 is 18.75%)', () => {
    expect(formatPercent(1, 16)).toBe('6.3%');
    expect(formatPercent(3, 16)).toBe('18.8%');
    expect(formatPercent(1, 2000)).toBe('0.1%');
    expect(formatPercent(1, 2001)).toBe('0%');
  });

  it('is within half a tenth of the exact share, with at most one decimal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.nat(), (total, seed) => {
        const count = seed % (total + 1);
        const text = formatPercent(count, total);
        expect(text).toMatch(/^\d{1,3}(\.\d)?%$/);
        expect(text.endsWith('.0%')).toBe(false);
        const shown = Number(text.slice(0, -1));
        expect(Math.abs(shown - (100 * count) / total)).toBeLessThanOrEqual(0.05 + 1e-9);
      }),
    );
  });

  it('rejects counts that are negative, fractional or above the total', () => {
    expect(() => formatCountWithPercent(-1, 4)).toThrow(RangeError);
    expect(() => formatCountWithPercent(1.5, 4)).toThrow(RangeError);
    expect(() => formatCountWithPercent(5, 4)).toThrow(RangeError);
    expect(() => formatCountWithPercent(Number.NaN, 4)).toThrow(RangeError);
  });
});

describe('formatWholeNumber', () => {
  it('groups thousands with commas whatever the host locale', () => {
    expect(formatWholeNumber(0)).toBe('0');
    expect(formatWholeNumber(999)).toBe('999');
    expect(formatWholeNumber(1000)).toBe('1,000');
    expect(formatWholeNumber(1234567)).toBe('1,234,567');
    expect(formatWholeNumber(-4200)).toBe('−4,200');
  });
});
