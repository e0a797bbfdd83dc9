import type { IndicatorTarget, IndicatorValue } from '@perfledger/core';
import type { IndicatorTargetReading } from './parse-indicator-target.js';
import type { IndicatorValueReading } from './parse-indicator-value.js';

/**
 * The value a reading records: the figure, true or false for Yes or No, or null when missing.
 *
 * @example
 * ```ts
 * valueOfReading({ kind: 'missing', marker: '-' }); // null
 * ```
 */
export function valueOfReading(reading: IndicatorValueReading): IndicatorValue {
  return reading.kind === 'missing' ? null : reading.value;
}

/**
 * The target a reading sets: a figure, Yes or No, `{ direction }`, or null (`-`: no target).
 *
 * @example
 * ```ts
 * targetOfReading({ kind: 'direction', direction: 'increase' }); // { direction: 'increase' }
 * ```
 */
export function targetOfReading(reading: IndicatorTargetReading): IndicatorTarget | null {
  if (reading.kind === 'direction') return { direction: reading.direction };
  return reading.kind === 'missing' ? null : reading.value;
}
