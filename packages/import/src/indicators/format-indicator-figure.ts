import type { IndicatorTarget, IndicatorUnit, IndicatorValue } from '@perfledger/core';
import { formatIndicatorValue, type IndicatorNumber, type MoneyScale } from './parse-indicator-value.js';

const SCALE_OF: readonly [number, MoneyScale, number][] = [
  [1e9, 'bn', 9],
  [1e6, 'm', 6],
];

/** The fewest decimals that print `value` exactly (at most 6). */
function decimalsOf(value: number): number {
  for (let decimals = 0; decimals < 6; decimals++) {
    if (Number(value.toFixed(decimals)) === value) return decimals;
  }
  return 6;
}

/**
 * A recorded value printed as a council report prints it, in its unit: `31%`, `84,617`,
 * `£20m`, `£26.2m`, `8.42`, `Yes`; null for a missing value. Money of a million or more is
 * printed in millions (or billions) when that is exact to two decimals, otherwise in full. The
 * printed text reads back to the same value with {@link parseIndicatorValue}.
 *
 * @example
 * ```ts
 * formatIndicatorFigure(26_200_000, 'money'); // '£26.2m'
 * formatIndicatorFigure(31, 'percentage'); // '31%'
 * formatIndicatorFigure(null, 'days'); // null
 * ```
 */
export function formatIndicatorFigure(value: IndicatorValue, unit: IndicatorUnit): string | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  const reading: IndicatorNumber = {
    kind: 'number',
    value,
    mark: unit === 'percentage' ? 'percentage' : unit === 'money' ? 'money' : null,
    scale: '',
    decimals: decimalsOf(value),
    footnote: null,
  };
  if (unit === 'money') {
    for (const [size, scale, exponent] of SCALE_OF) {
      if (Math.abs(value) < size) continue;
      const scaled = Number(`${value}e-${exponent}`);
      const decimals = decimalsOf(scaled);
      if (decimals <= 2) return formatIndicatorValue({ ...reading, scale, decimals });
    }
  }
  return formatIndicatorValue(reading);
}

/**
 * A target printed in its unit: a figure as {@link formatIndicatorFigure} prints it, `Increase`
 * or `Decrease` for a direction, `95% to 105%` for a band; null for no target.
 *
 * @example
 * ```ts
 * formatIndicatorTargetFigure({ direction: 'increase' }, 'percentage'); // 'Increase'
 * formatIndicatorTargetFigure(7.5, 'days'); // '7.5'
 * ```
 */
export function formatIndicatorTargetFigure(
  target: IndicatorTarget | null,
  unit: IndicatorUnit,
): string | null {
  if (target === null) return null;
  if (typeof target === 'number' || typeof target === 'boolean') return formatIndicatorFigure(target, unit);
  if ('direction' in target) return target.direction === 'increase' ? 'Increase' : 'Decrease';
  return `${formatIndicatorFigure(target.low, unit)} to ${formatIndicatorFigure(target.high, unit)}`;
}
