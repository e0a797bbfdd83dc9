import { quoted } from '../display-value.js';
import { type ParseResult, parsed, refused } from '../parse-result.js';
import { plainText } from '../plain-text.js';

function wordReader<T extends string>(
  words: Readonly<Record<string, T>>,
  what: string,
  expected: string,
): (text: string) => ParseResult<T> {
  return (text) => {
    const cell = plainText(text);
    const key = cell.toLowerCase().replace(/[\s_]+/g, ' ');
    return Object.hasOwn(words, key)
      ? parsed(words[key]!)
      : refused(`${quoted(cell)} is not ${what}; expected ${expected}`);
  };
}

/**
 * An indicator's unit, as the snapshot's `unit` column names it.
 *
 * @example
 * ```ts
 * const unit: IndicatorUnitReading = 'money';
 * ```
 */
export type IndicatorUnitReading = 'percentage' | 'count' | 'money' | 'ratio' | 'days' | 'yesno';

/**
 * Reads a `unit` cell: percentage (`%`, percent), count (number), money (`£`, pounds, GBP),
 * ratio, days, yes/no (yes-no, boolean); any case.
 *
 * @example
 * ```ts
 * parseIndicatorUnit('Pounds'); // { ok: true, value: 'money' }
 * ```
 */
export const parseIndicatorUnit = wordReader<IndicatorUnitReading>(
  {
    percentage: 'percentage',
    percent: 'percentage',
    '%': 'percentage',
    count: 'count',
    number: 'count',
    money: 'money',
    '£': 'money',
    pounds: 'money',
    gbp: 'money',
    ratio: 'ratio',
    days: 'days',
    'yes/no': 'yesno',
    'yes-no': 'yesno',
    yesno: 'yesno',
    boolean: 'yesno',
  },
  'a unit',
  'percentage, count, money, ratio, days or yes/no',
);

/**
 * How often an indicator is measured.
 *
 * @example
 * ```ts
 * const frequency: IndicatorFrequencyReading = 'quarterly';
 * ```
 */
export type IndicatorFrequencyReading = 'monthly' | 'quarterly' | 'annual';

/**
 * Reads a `frequency` cell: monthly, quarterly, annual (also month, quarter, year, yearly,
 * annually); any case.
 *
 * @example
 * ```ts
 * parseIndicatorFrequency('Yearly'); // { ok: true, value: 'annual' }
 * ```
 */
export const parseIndicatorFrequency = wordReader<IndicatorFrequencyReading>(
  {
    monthly: 'monthly',
    month: 'monthly',
    quarterly: 'quarterly',
    quarter: 'quarterly',
    annual: 'annual',
    annually: 'annual',
    yearly: 'annual',
    year: 'annual',
  },
  'a frequency',
  'monthly, quarterly or annual',
);

/**
 * A value's quality, as the snapshot's `quality` column gives it.
 *
 * @example
 * ```ts
 * const quality: IndicatorQualityReading = 'provisional';
 * ```
 */
export type IndicatorQualityReading = 'provisional' | 'estimated' | 'final' | 'missing';

/**
 * Reads a `quality` cell: provisional, estimated (estimate), final (actual), missing; any case.
 *
 * @example
 * ```ts
 * parseIndicatorQuality('Estimate'); // { ok: true, value: 'estimated' }
 * ```
 */
export const parseIndicatorQuality = wordReader<IndicatorQualityReading>(
  {
    provisional: 'provisional',
    estimated: 'estimated',
    estimate: 'estimated',
    final: 'final',
    actual: 'final',
    missing: 'missing',
  },
  'a quality',
  'provisional, estimated, final or missing',
);
