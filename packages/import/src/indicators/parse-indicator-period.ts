import {
  type BusinessDate,
  type IndicatorPeriod,
  LedgerError,
  parseIndicatorPeriod,
  ukFiscalCalendar,
} from '@perfledger/core';
import { quoted } from '../display-value.js';
import { type ParseResult, parsed, refused } from '../parse-result.js';
import { plainText } from '../plain-text.js';

/**
 * The period an indicator row is for: core's {@link IndicatorPeriod} (its `label` is the one
 * stored spelling: `2019/20 Q1`, `2018/19`, `2019-06`).
 *
 * @example
 * ```ts
 * const period: IndicatorPeriodReading = parseIndicatorPeriod('Q1 2019/20');
 * period.label; // '2019/20 Q1'
 * ```
 */
export type IndicatorPeriodReading = IndicatorPeriod;

const ADVICE =
  'expected a quarter (2019/20 Q1, Q1 2019/20), a financial year (2018/19) or a month (June 2019)';
const QUARTER_ALONE = /^q([1-4])$/i;

/**
 * Reads a `period` cell in the forms the seeds print, with core's one period reader
 * (`parseIndicatorPeriod`): `2019/20 Q1`, `Q1 2019/20`, `Q1 2019-20`, `2018/19`, `2018-19`,
 * `FY 2018/19`, `June 2019`, `2019-06`. `Q1` alone is a quarter of the financial year of `asOf`,
 * the snapshot's date. Anything else (a day, a vague period) is refused with the reason.
 *
 * @example
 * ```ts
 * parseIndicatorPeriodCell('Q1 2019/20', {}).ok; // true: label '2019/20 Q1', end '2019-06-30'
 * parseIndicatorPeriodCell('Q2', { asOf: '2019-06-30' as BusinessDate }).ok; // true: '2019/20 Q2'
 * parseIndicatorPeriodCell('30/06/2019', {}).ok; // false: a day, not a period
 * ```
 */
export function parseIndicatorPeriodCell(
  text: string,
  context: { readonly asOf?: BusinessDate },
): ParseResult<IndicatorPeriodReading> {
  const cell = plainText(text);
  if (cell === '') return refused(`is empty; every row needs the period its value is for; ${ADVICE}`);
  let spelled = cell;
  const alone = QUARTER_ALONE.exec(cell);
  if (alone !== null) {
    if (context.asOf === undefined) {
      return refused(`${quoted(cell)} names a quarter without a year; give the year, as in Q1 2019/20`);
    }
    spelled = `Q${alone[1]} ${ukFiscalCalendar.fiscalYearOf(context.asOf).label}`;
  }
  try {
    return parsed(parseIndicatorPeriod(spelled));
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    return refused(`${quoted(cell)} is not a period; ${ADVICE}`);
  }
}
