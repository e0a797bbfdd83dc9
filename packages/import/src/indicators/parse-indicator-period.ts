import type { BusinessDate } from '@perfledger/core';
import { quoted } from '../display-value.js';
import { parsePeriodDate } from '../parse-period-date.js';
import { type ParseResult, parsed, refused } from '../parse-result.js';
import { plainText } from '../plain-text.js';

/**
 * The period an indicator row is for, in perfledger's words: a quarter (`2019/20 Q1`), a
 * financial year (`2018/19`) or a month (`July 2019`), with its last day.
 *
 * @example
 * ```ts
 * const period: IndicatorPeriodReading = { label: '2019/20 Q1', end: '2019-06-30' as BusinessDate };
 * ```
 */
export interface IndicatorPeriodReading {
  readonly label: string;
  readonly end: BusinessDate;
}

const ADVICE =
  'expected a quarter (2019/20 Q1, Q1 2019/20), a financial year (2018/19) or a month (July 2019)';

/**
 * Reads a `period` cell in the forms the seeds print: `2019/20 Q1`, `Q1 2019/20`, `Q1 2019-20`,
 * `2018/19`, `2018-19`, `FY 2018/19`, `July 2019`; `Q1` alone is a quarter of the financial year
 * of `asOf`, the snapshot's date. The same rules as due dates given by period
 * ({@link parsePeriodDate}), so one period is written one way everywhere. A day is refused: an
 * indicator's value is for a period.
 *
 * @example
 * ```ts
 * parseIndicatorPeriodCell('Q1 2019/20', {}); // { ok: true, value: { label: '2019/20 Q1', end: '2019-06-30' } }
 * parseIndicatorPeriodCell('2018-19', {}); // { ok: true, value: { label: '2018/19', end: '2019-03-31' } }
 * parseIndicatorPeriodCell('30/06/2019', {}).ok; // false: a day, not a period
 * ```
 */
export function parseIndicatorPeriodCell(
  text: string,
  context: { readonly asOf?: BusinessDate },
): ParseResult<IndicatorPeriodReading> {
  const cell = plainText(text);
  if (cell === '') return refused(`is empty; every row needs the period its value is for; ${ADVICE}`);
  const result = parsePeriodDate(cell, context, 'the period');
  if (result === undefined) return refused(`${quoted(cell)} is not a period; ${ADVICE}`);
  if (!result.ok) return refused(result.message.replace(/; give a day .*$/s, `; ${ADVICE}`));
  return parsed({ label: result.value.period, end: result.value.date });
}
