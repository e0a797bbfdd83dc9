import {
  type BusinessDate,
  businessDateFromParts,
  daysInMonth,
  type FiscalCalendar,
  isInBusinessDateRange,
  LedgerError,
  outOfRangeReason,
  ukFiscalCalendar,
} from '@perfledger/core';
import { quoted } from './display-value.js';
import { type ParseResult, parsed, refused } from './parse-result.js';
import { MONTH_NAMES, monthNumber, parseUkDate } from './parse-uk-date.js';
import { plainText } from './plain-text.js';

/**
 * A due date as a snapshot gives it: the date, and the officer's own words when the cell named
 * a period ("Q4 2019/20") rather than a day. `text` is null for a day date ("31/03/2020").
 *
 * @example
 * ```ts
 * const due: DueDateReading = { date: '2020-03-31', text: 'Q4', period: '2019/20 Q4' };
 * ```
 */
export interface DueDateReading {
  readonly date: BusinessDate;
  /** The cell as written (plain text, trimmed), when it named a period; null for a day. */
  readonly text: string | null;
  /** The period it was read as, in perfledger's words ("2019/20 Q4", "2020/21", "March 2020"); null for a day. */
  readonly period: string | null;
}

/**
 * What a period is resolved against: the snapshot's date (for "Q4" alone) and the calendar.
 *
 * @example
 * ```ts
 * const context: PeriodContext = { asOf: '2019-09-30', calendar: ukFiscalCalendar };
 * ```
 */
export interface PeriodContext {
  /**
   * The snapshot's as-of date: a quarter without a year is a quarter of its financial year.
   * Without it, such a quarter is refused.
   */
  readonly asOf?: BusinessDate;
  /** The financial calendar; the UK's April year by default. */
  readonly calendar?: FiscalCalendar;
}

const QUARTER = /^q([1-4])$/i;
const FY = /^(?:fy\s*)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})$/i;
const QUARTER_OF_FY = /^q([1-4])[\s,]+(?:of\s+)?(?:fy\s*)?(\d{4}\s*[/-]\s*(?:\d{2}|\d{4}))$/i;
const FY_THEN_QUARTER = /^(?:fy\s*)?(\d{4}\s*[/-]\s*(?:\d{2}|\d{4}))[\s,]+q([1-4])$/i;
const MONTH_YEAR = /^([a-z]+)\.?[\s,/-]+(\d{4})$/i;
// Words that make a period's end a matter of judgement ("mid April 2020", "early 2021").
const VAGUE =
  /^(?:mid|mid-|early|late|beginning|start|around|about|approx\.?|approximately|circa|c\.|before|after|autumn|spring|summer|winter)\b/i;
// "end of March 2020", "end Q4": the period's end, which is what a period date means anyway.
const END_OF = /^end(?:\s+of)?\s+/i;

const ADVICE =
  'give a day (31/03/2020), a month (March 2020), a quarter (Q4 or Q4 2019/20) or a financial year (2020/21)';

/**
 * Reads a financial-year label as councils write it ("2020/21", "2020-21", "2020/2021",
 * "FY 2020/21") into the calendar's financial year, or a refusal when the second year does not
 * follow the first.
 */
function fiscalYearOfLabel(
  cell: string,
  label: string,
  calendar: FiscalCalendar,
): ParseResult<ReturnType<FiscalCalendar['parseFiscalYear']>> {
  const match = /^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$/.exec(label.trim());
  if (match === null) return refused(`${quoted(cell)} is not a financial year; ${ADVICE}`);
  const first = Number(match[1]);
  const second = match[2]!;
  const follows = second.length === 4 ? Number(second) === first + 1 : Number(second) === (first + 1) % 100;
  if (!follows) {
    return refused(
      `${quoted(cell)} is not a financial year: the second year must follow the first, as in ${first}/${String((first + 1) % 100).padStart(2, '0')}`,
    );
  }
  try {
    return parsed(calendar.parseFiscalYear(`${first}/${String((first + 1) % 100).padStart(2, '0')}`));
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    return refused(`${quoted(cell)}: ${error.message}`);
  }
}

function inRange(cell: string, date: BusinessDate, what: string): ParseResult<BusinessDate> {
  return isInBusinessDateRange(date)
    ? parsed(date)
    : refused(outOfRangeReason(date, `${quoted(cell)} (${date})`, what));
}

/**
 * Reads a due date given by period, as councils set targets: "Q4" (a quarter of the snapshot's
 * financial year), "Q4 2019/20" (also "2019/20 Q4", "Q4 2019-20"), "2020/21" or "2020-21" (a
 * financial year), "March 2020" (a month), optionally after "end of". Each means the last day of
 * that period: in a 2019/20 plan "Q4" is 31 March 2020 and "2020/21" is 31 March 2021. Returns
 * undefined when the cell is not a period at all, so the caller can give its own advice; a
 * period with no clear end ("mid April 2020", "early 2021") is refused with advice.
 *
 * @example
 * ```ts
 * parsePeriodDate('Q4', { asOf: '2019-06-30' }); // { ok: true, value: { date: '2020-03-31', period: '2019/20 Q4' } }
 * parsePeriodDate('2020-21', { asOf: '2019-06-30' }); // { ok: true, value: { date: '2021-03-31', period: '2020/21' } }
 * parsePeriodDate('mid April 2020', { asOf: '2019-06-30' })?.ok; // false: no clear end
 * parsePeriodDate('31/03/2020', { asOf: '2019-06-30' }); // undefined: a day, not a period
 * ```
 */
export function parsePeriodDate(
  text: string,
  context: PeriodContext,
  what = 'the due date',
): ParseResult<{ readonly date: BusinessDate; readonly period: string }> | undefined {
  const calendar = context.calendar ?? ukFiscalCalendar;
  const whole = plainText(text).replace(/\s+/g, ' ').trim();
  if (VAGUE.test(whole)) {
    return refused(`${quoted(whole)} has no clear end date, so a person must decide; ${ADVICE}`);
  }
  const cell = whole.replace(END_OF, '');
  const quarterOf = (q: number, fy: ReturnType<FiscalCalendar['parseFiscalYear']>) => {
    const bounds = calendar.quarterBounds(fy, q as 1 | 2 | 3 | 4);
    const checked = inRange(whole, bounds.end, what);
    return checked.ok ? parsed({ date: checked.value, period: bounds.label }) : checked;
  };
  const quarter = QUARTER.exec(cell);
  if (quarter !== null) {
    if (context.asOf === undefined) {
      return refused(`${quoted(whole)} names a quarter without a year; give the year, as in Q4 2019/20`);
    }
    return quarterOf(Number(quarter[1]), calendar.fiscalYearOf(context.asOf));
  }
  const quarterFirst = QUARTER_OF_FY.exec(cell);
  const yearFirst = quarterFirst === null ? FY_THEN_QUARTER.exec(cell) : null;
  if (quarterFirst !== null || yearFirst !== null) {
    const [q, label] =
      quarterFirst !== null ? [quarterFirst[1]!, quarterFirst[2]!] : [yearFirst![2]!, yearFirst![1]!];
    const fy = fiscalYearOfLabel(whole, label, calendar);
    return fy.ok ? quarterOf(Number(q), fy.value) : fy;
  }
  const year = FY.exec(cell);
  if (year !== null) {
    const fy = fiscalYearOfLabel(whole, `${year[1]}/${year[2]}`, calendar);
    if (!fy.ok) return fy;
    const bounds = calendar.yearBounds(fy.value);
    const checked = inRange(whole, bounds.end, what);
    return checked.ok ? parsed({ date: checked.value, period: bounds.fy.label }) : checked;
  }
  const monthYear = MONTH_YEAR.exec(cell);
  if (monthYear !== null) {
    const month = monthNumber(monthYear[1]!);
    if (month === undefined) return undefined;
    const y = Number(monthYear[2]);
    const checked = inRange(whole, businessDateFromParts(y, month, daysInMonth(y, month)), what);
    return checked.ok ? parsed({ date: checked.value, period: `${MONTH_NAMES[month - 1]} ${y}` }) : checked;
  }
  return undefined;
}

/**
 * Reads a due-date cell: a day in any form {@link parseUkDate} reads, or a period
 * ({@link parsePeriodDate}) read as its last day with the officer's words kept. A cell that is
 * neither is refused with the reason, naming both kinds of form.
 *
 * @example
 * ```ts
 * parseDueDate('Q4 2019/20', { asOf: '2019-09-30' }); // { ok: true, value: { date: '2020-03-31', text: 'Q4 2019/20', period: '2019/20 Q4' } }
 * parseDueDate('31-Mar-2020', { asOf: '2019-09-30' }); // { ok: true, value: { date: '2020-03-31', text: null, period: null } }
 * ```
 */
export function parseDueDate(text: string, context: PeriodContext): ParseResult<DueDateReading> {
  const day = parseUkDate(text, 'the due date');
  if (day.ok) return parsed({ date: day.value, text: null, period: null });
  const period = parsePeriodDate(text, context);
  if (period === undefined) {
    // Not a period either: the day reader's reason, and the period forms as well.
    return /^'.*' is not a date;/s.test(day.message)
      ? refused(`${day.message.replace(/; expected .*$/s, '')}; ${ADVICE}`)
      : day;
  }
  if (!period.ok) return period;
  return parsed({ ...period.value, text: plainText(text).replace(/\s+/g, ' ').trim() });
}
