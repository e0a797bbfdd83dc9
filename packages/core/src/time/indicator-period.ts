import { z } from 'zod';
import { ValidationError } from '../errors/index.js';
import { type BusinessDate, businessDateFromParts, daysInMonth } from './business-date.js';
import { BUSINESS_DATE_RANGE } from './business-date-range.js';
import { monthNumberOfName } from './month-names.js';

/**
 * How long an indicator period is: a calendar month, a quarter of the UK financial year, or a
 * financial year (1 April to 31 March).
 *
 * @example
 * ```ts
 * const kind: IndicatorPeriodKind = 'quarter';
 * ```
 */
export type IndicatorPeriodKind = 'month' | 'quarter' | 'year';

/**
 * One period an indicator's facts speak for, on the UK financial calendar (April start), with
 * its canonical label and inclusive first and last days. Labels are the only stored form:
 * a month is `2019-06`, a quarter `2019/20 Q1`, a year `2019/20`.
 *
 * @example
 * ```ts
 * parseIndicatorPeriod('Q1 2019/20');
 * // { kind: 'quarter', label: '2019/20 Q1', fyStartYear: 2019, quarter: 1, month: null,
 * //   start: '2019-04-01', end: '2019-06-30' }
 * ```
 */
export interface IndicatorPeriod {
  readonly kind: IndicatorPeriodKind;
  readonly label: string;
  /** The calendar year in which the period's financial year starts (April). */
  readonly fyStartYear: number;
  /** 1 to 4 for a quarter, null otherwise. */
  readonly quarter: 1 | 2 | 3 | 4 | null;
  /** The calendar month 1 to 12 for a month, null otherwise. */
  readonly month: number | null;
  readonly start: BusinessDate;
  readonly end: BusinessDate;
}

const FY_START_MONTH = 4;
const MIN_YEAR = Number(BUSINESS_DATE_RANGE.min.slice(0, 4));
const MAX_YEAR = Number(BUSINESS_DATE_RANGE.max.slice(0, 4));

const pad2 = (n: number) => String(n).padStart(2, '0');
const yearLabel = (startYear: number) => `${startYear}/${pad2((startYear + 1) % 100)}`;

function fyStartOfMonth(year: number, month: number): number {
  return month >= FY_START_MONTH ? year : year - 1;
}

function month(year: number, monthNumber: number): IndicatorPeriod {
  return Object.freeze({
    kind: 'month',
    label: `${year}-${pad2(monthNumber)}`,
    fyStartYear: fyStartOfMonth(year, monthNumber),
    quarter: null,
    month: monthNumber,
    start: businessDateFromParts(year, monthNumber, 1),
    end: businessDateFromParts(year, monthNumber, daysInMonth(year, monthNumber)),
  });
}

function quarter(startYear: number, q: 1 | 2 | 3 | 4): IndicatorPeriod {
  const firstMonth = ((FY_START_MONTH - 1 + 3 * (q - 1)) % 12) + 1;
  const firstYear = firstMonth >= FY_START_MONTH ? startYear : startYear + 1;
  const lastMonth = firstMonth + 2;
  return Object.freeze({
    kind: 'quarter',
    label: `${yearLabel(startYear)} Q${q}`,
    fyStartYear: startYear,
    quarter: q,
    month: null,
    start: businessDateFromParts(firstYear, firstMonth, 1),
    end: businessDateFromParts(firstYear, lastMonth, daysInMonth(firstYear, lastMonth)),
  });
}

function year(startYear: number): IndicatorPeriod {
  return Object.freeze({
    kind: 'year',
    label: yearLabel(startYear),
    fyStartYear: startYear,
    quarter: null,
    month: null,
    start: businessDateFromParts(startYear, FY_START_MONTH, 1),
    end: businessDateFromParts(
      startYear + 1,
      FY_START_MONTH - 1,
      daysInMonth(startYear + 1, FY_START_MONTH - 1),
    ),
  });
}

function invalid(text: unknown, why: string): ValidationError {
  const message = `Invalid indicator period ${JSON.stringify(text)}: ${why}`;
  return new ValidationError(message, [{ path: ['period'], message }]);
}

const CANONICAL_MONTH = /^(\d{4})-(\d{2})$/;
const CANONICAL_QUARTER = /^(\d{4})\/(\d{2}) Q([1-4])$/;
const CANONICAL_YEAR = /^(\d{4})\/(\d{2})$/;

// Accepted spellings beyond the canonical ones: "June 2019", "Jun-2019", "Q1 2019/20",
// "2019/20 Q1", "2019-20 Q1", "Q1 2019-20", "2019-20", "2019/2020", "FY2019/20".
const NAMED_MONTH = /^([a-z]+)\.?[\s\-/]+(\d{4})$/i;
const FY = '(?:FY\\s*)?(\\d{4})\\s*[/\\-–]\\s*(\\d{2}|\\d{4})';
const QUARTER_FIRST = new RegExp(`^Q([1-4])\\s*,?\\s*${FY}$`, 'i');
const QUARTER_LAST = new RegExp(`^${FY}\\s*,?\\s*Q([1-4])$`, 'i');
const YEAR = new RegExp(`^${FY}$`, 'i');

function checkYearRange(text: unknown, first: number): void {
  if (first < MIN_YEAR || first >= MAX_YEAR) {
    throw invalid(text, `the year must lie within the business-date range ${MIN_YEAR} to ${MAX_YEAR}`);
  }
}

function checkMonthYear(text: unknown, y: number): void {
  if (y < MIN_YEAR || y > MAX_YEAR) {
    throw invalid(text, `the year must lie within the business-date range ${MIN_YEAR} to ${MAX_YEAR}`);
  }
}

function fyStart(text: unknown, first: string, second: string): number {
  const startYear = Number(first);
  const expected = second.length === 2 ? (startYear + 1) % 100 : startYear + 1;
  if (Number(second) !== expected) throw invalid(text, `the second year must follow ${startYear}`);
  checkYearRange(text, startYear);
  return startYear;
}

/**
 * Reads an indicator period: a month ("2019-06", "June 2019", "Sept 2019"), a quarter of the UK
 * financial year ("2019/20 Q1", "Q1 2019/20", "2019-20 Q1") or a financial year ("2019/20",
 * "2019-20", "2019/2020"). A bare "2019" is refused: it could name the year starting or ending
 * in 2019. "2011-12" is December 2011 (ISO); write the financial year as "2011/12".
 *
 * @throws ValidationError naming the text when it is not a period.
 * @example
 * ```ts
 * parseIndicatorPeriod('June 2019').label; // '2019-06'
 * parseIndicatorPeriod('Q4 2019-20').end; // '2020-03-31'
 * ```
 */
export function parseIndicatorPeriod(text: string): IndicatorPeriod {
  if (typeof text !== 'string') throw invalid(text, 'expected text');
  const trimmed = text.trim().replace(/\s+/g, ' ');
  const canonical = CANONICAL_MONTH.exec(trimmed);
  // "2019-06" is June 2019 (ISO); "2019-20" cannot be a month, so it is read as a year below.
  // "2011-12" is December 2011: the financial year is written "2011/12".
  if (canonical !== null && Number(canonical[2]) >= 1 && Number(canonical[2]) <= 12) {
    const y = Number(canonical[1]);
    checkMonthYear(text, y);
    return month(y, Number(canonical[2]));
  }
  const named = NAMED_MONTH.exec(trimmed);
  if (named !== null) {
    const m = monthNumberOfName(named[1]!);
    if (m === undefined) throw invalid(text, `"${named[1]}" is not a month`);
    const y = Number(named[2]);
    checkMonthYear(text, y);
    return month(y, m);
  }
  const first = QUARTER_FIRST.exec(trimmed);
  if (first !== null) return quarter(fyStart(text, first[2]!, first[3]!), Number(first[1]) as 1 | 2 | 3 | 4);
  const last = QUARTER_LAST.exec(trimmed);
  if (last !== null) return quarter(fyStart(text, last[1]!, last[2]!), Number(last[3]) as 1 | 2 | 3 | 4);
  const fy = YEAR.exec(trimmed);
  if (fy !== null) return year(fyStart(text, fy[1]!, fy[2]!));
  throw invalid(
    text,
    'expected a month ("2019-06"), a quarter ("2019/20 Q1") or a financial year ("2019/20")',
  );
}

/**
 * True when `text` is an indicator period label in its one stored spelling ("2019-06",
 * "2019/20 Q1", "2019/20").
 *
 * @example
 * ```ts
 * isIndicatorPeriodLabel('2019/20 Q1'); // true
 * isIndicatorPeriodLabel('Q1 2019/20'); // false: readable, but not the stored spelling
 * ```
 */
export function isIndicatorPeriodLabel(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  if (!CANONICAL_MONTH.test(text) && !CANONICAL_QUARTER.test(text) && !CANONICAL_YEAR.test(text))
    return false;
  try {
    return parseIndicatorPeriod(text).label === text;
  } catch {
    return false;
  }
}

/**
 * The period one step earlier of the same kind: the previous month, quarter or year.
 * Undefined before the business-date range begins.
 *
 * @example
 * ```ts
 * previousIndicatorPeriod(parseIndicatorPeriod('2019/20 Q1'))?.label; // '2018/19 Q4'
 * ```
 */
export function previousIndicatorPeriod(period: IndicatorPeriod): IndicatorPeriod | undefined {
  return shift(period, -1);
}

/**
 * The period one step later of the same kind. Undefined past the business-date range.
 *
 * @example
 * ```ts
 * nextIndicatorPeriod(parseIndicatorPeriod('2019-12'))?.label; // '2020-01'
 * ```
 */
export function nextIndicatorPeriod(period: IndicatorPeriod): IndicatorPeriod | undefined {
  return shift(period, 1);
}

/**
 * The same period a year earlier: June 2018 for June 2019, 2018/19 Q1 for 2019/20 Q1, 2018/19
 * for 2019/20. Undefined before the business-date range begins.
 *
 * @example
 * ```ts
 * samePeriodLastYear(parseIndicatorPeriod('2019/20 Q3'))?.label; // '2018/19 Q3'
 * ```
 */
export function samePeriodLastYear(period: IndicatorPeriod): IndicatorPeriod | undefined {
  return shift(period, period.kind === 'month' ? -12 : period.kind === 'quarter' ? -4 : -1);
}

function shift(period: IndicatorPeriod, steps: number): IndicatorPeriod | undefined {
  let result: IndicatorPeriod;
  if (period.kind === 'month') {
    const index = Number(period.label.slice(0, 4)) * 12 + (period.month ?? 1) - 1 + steps;
    const y = Math.floor(index / 12);
    if (y < MIN_YEAR || y > MAX_YEAR) return undefined;
    result = month(y, (index % 12) + 1);
  } else if (period.kind === 'quarter') {
    const index = period.fyStartYear * 4 + (period.quarter ?? 1) - 1 + steps;
    const y = Math.floor(index / 4);
    if (y < MIN_YEAR || y >= MAX_YEAR) return undefined;
    result = quarter(y, ((index % 4) + 1) as 1 | 2 | 3 | 4);
  } else {
    const y = period.fyStartYear + steps;
    if (y < MIN_YEAR || y >= MAX_YEAR) return undefined;
    result = year(y);
  }
  return result;
}

/**
 * Orders periods by their last day, then shorter first (June 2019 before 2019/20 Q1, which
 * ends on the same day). Negative when `a` comes first.
 *
 * @example
 * ```ts
 * ['2019/20', '2019-05', '2019/20 Q1'].map(parseIndicatorPeriod).sort(compareIndicatorPeriods).map((p) => p.label);
 * // ['2019-05', '2019/20 Q1', '2019/20']
 * ```
 */
export function compareIndicatorPeriods(a: IndicatorPeriod, b: IndicatorPeriod): number {
  if (a.end !== b.end) return a.end < b.end ? -1 : 1;
  if (a.start !== b.start) return a.start > b.start ? -1 : 1;
  return 0;
}

/**
 * True when `outer` covers every day of `inner` (a year contains its quarters and months).
 *
 * @example
 * ```ts
 * indicatorPeriodContains(parseIndicatorPeriod('2019/20'), parseIndicatorPeriod('2019/20 Q2')); // true
 * ```
 */
export function indicatorPeriodContains(outer: IndicatorPeriod, inner: IndicatorPeriod): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/**
 * The financial year a period lies in.
 *
 * @example
 * ```ts
 * financialYearOfPeriod(parseIndicatorPeriod('2020-02')).label; // '2019/20'
 * ```
 */
export function financialYearOfPeriod(period: IndicatorPeriod): IndicatorPeriod {
  return period.kind === 'year' ? period : year(period.fyStartYear);
}

/**
 * An indicator period label in its stored spelling, as events carry it.
 *
 * @example
 * ```ts
 * indicatorPeriodLabelSchema.parse('2019/20 Q1');
 * ```
 */
export const indicatorPeriodLabelSchema = z
  .string()
  .refine(isIndicatorPeriodLabel, 'must be an indicator period such as "2019-06", "2019/20 Q1" or "2019/20"');

/**
 * Any spelling {@link parseIndicatorPeriod} reads, turned into the stored label, as commands take it.
 *
 * @example
 * ```ts
 * indicatorPeriodInputSchema.parse('Q1 2019-20'); // '2019/20 Q1'
 * ```
 */
export const indicatorPeriodInputSchema = z.string().transform((text, context) => {
  try {
    return parseIndicatorPeriod(text).label;
  } catch (error) {
    context.addIssue({
      code: 'custom',
      message: error instanceof ValidationError ? error.message : 'must be an indicator period',
    });
    return z.NEVER;
  }
});
