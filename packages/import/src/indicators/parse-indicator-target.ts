import { quoted } from '../display-value.js';
import { type ParseResult, parsed, refused } from '../parse-result.js';
import { plainText } from '../plain-text.js';
import { type IndicatorValueReading, parseIndicatorValue } from './parse-indicator-value.js';

/**
 * A target as a snapshot gives it: a figure, a direction (`Increase`: better than the previous
 * period; `Decrease`: lower than it), or missing (`-`, `n/a`: no target).
 *
 * @example
 * ```ts
 * const target: IndicatorTargetReading = { kind: 'direction', direction: 'increase' };
 * ```
 */
export type IndicatorTargetReading =
  | IndicatorValueReading
  | { readonly kind: 'direction'; readonly direction: 'increase' | 'decrease' };

/**
 * Reads a target cell: any value {@link parseIndicatorValue} reads, or `Increase` / `Decrease`
 * (any case; also `Increasing`, `Decreasing`, `Reduce`).
 *
 * @example
 * ```ts
 * parseIndicatorTarget('Increase'); // { ok: true, value: { kind: 'direction', direction: 'increase' } }
 * parseIndicatorTarget('61.0%'); // { ok: true, value: { kind: 'number', value: 61, mark: 'percentage', scale: '', decimals: 1, footnote: null } }
 * ```
 */
export function parseIndicatorTarget(text: string): ParseResult<IndicatorTargetReading> {
  const word = plainText(text).toLowerCase();
  if (word === 'increase' || word === 'increasing')
    return parsed({ kind: 'direction', direction: 'increase' });
  if (word === 'decrease' || word === 'decreasing' || word === 'reduce') {
    return parsed({ kind: 'direction', direction: 'decrease' });
  }
  const value = parseIndicatorValue(text);
  return value.ok
    ? value
    : refused(`${value.message.replace(/; expected /, '; expected Increase, Decrease or ')}`);
}

/**
 * Which way is better: `higher` or `lower`.
 *
 * @example
 * ```ts
 * const polarity: IndicatorPolarityReading = 'lower'; // sickness days, rent arrears
 * ```
 */
export type IndicatorPolarityReading = 'higher' | 'lower';

/**
 * Reads a "Good is" cell: `High`, `Higher`, `Low`, `Lower` in any case (also `High is good`),
 * and `Yes` (seed 003 prints "Good is: Yes" for a yes/no measure: Yes is better than No, so
 * higher).
 *
 * @example
 * ```ts
 * parseIndicatorPolarity('LOW'); // { ok: true, value: 'lower' }
 * parseIndicatorPolarity('Sideways').ok; // false
 * ```
 */
export function parseIndicatorPolarity(text: string): ParseResult<IndicatorPolarityReading> {
  const cell = plainText(text);
  const word = cell.toLowerCase().replace(/\s+is\s+(?:good|better)$/, '');
  if (word === 'high' || word === 'higher' || word === 'yes') return parsed('higher');
  if (word === 'low' || word === 'lower') return parsed('lower');
  return refused(`${quoted(cell)} is not a direction of good; expected High or Low (also Higher, Lower)`);
}
