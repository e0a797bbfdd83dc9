import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIndicatorFigure, formatIndicatorTargetFigure } from './format-indicator-figure.js';
import { parseIndicatorValue } from './parse-indicator-value.js';

describe('formatIndicatorFigure', () => {
  it.each([
    [26_200_000, 'money', '£26.2m'],
    [20_000_000, 'money', '£20m'],
    [1_234_567, 'money', '£1,234,567'],
    [1_250_000_000, 'money', '£1.25bn'],
    [500, 'money', '£500'],
    [31, 'percentage', '31%'],
    [75.26, 'percentage', '75.26%'],
    [84_617, 'count', '84,617'],
    [8.42, 'days', '8.42'],
    [true, 'yesno', 'Yes'],
    [null, 'days', null],
  ] as const)('prints %j in %s as %j', (value, unit, printed) => {
    expect(formatIndicatorFigure(value, unit)).toBe(printed);
  });

  it('prints targets: directions and bands in words', () => {
    expect(formatIndicatorTargetFigure({ direction: 'decrease' }, 'count')).toBe('Decrease');
    expect(formatIndicatorTargetFigure({ low: 95, high: 105 }, 'percentage')).toBe('95% to 105%');
    expect(formatIndicatorTargetFigure(null, 'count')).toBeNull();
  });

  it('prints what the importer reads back as the same value, in every unit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -999_999_999_999, max: 999_999_999_999 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom('percentage', 'count', 'money', 'ratio', 'days') as fc.Arbitrary<
          'percentage' | 'count' | 'money' | 'ratio' | 'days'
        >,
        (mantissa, decimals, unit) => {
          const value = Number(`${mantissa}e-${decimals}`);
          const printed = formatIndicatorFigure(value, unit)!;
          const read = parseIndicatorValue(printed);
          expect(read.ok && read.value.kind === 'number' && read.value.value).toBe(
            Object.is(value, -0) ? 0 : value,
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
