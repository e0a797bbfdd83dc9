import { UTCDate } from '@date-fns/utc';
import { addMonths, getQuarter, getYear, lastDayOfMonth, startOfMonth, subMonths } from 'date-fns';
import { z } from 'zod';
import { ValidationError, validationErrorFromZod } from '../errors/index.js';
import type { BusinessDate } from './business-date.js';
import { addDays } from './business-date-arithmetic.js';
import { fromUTCDate, toUTCDate } from './business-date-utc.js';
import {
  type FiscalQuarter,
  type FiscalQuarterNumber,
  type FiscalYearBounds,
  isFiscalQuarterNumber,
} from './fiscal-quarter.js';
import {
  type FiscalYear,
  type FiscalYearInput,
  fiscalYearOfStartYear,
  parseFiscalYearLabel,
  toFiscalYear,
} from './fiscal-year.js';

/**
 * How an organisation's financial year is laid out.
 *
 * @example
 * ```ts
 * const options: FiscalCalendarOptions = { startMonth: 7 }; // July to June
 * ```
 */
export interface FiscalCalendarOptions {
  /** Month (1–12) in which the financial year starts. Defaults to 4: the UK's April year. */
  readonly startMonth?: number;
}

/**
 * Financial years and quarters for one start month. Every member is a plain function that
 * ignores `this`, so members can be destructured and passed around as callbacks.
 *
 * The members that take dates (`fiscalYearOf`, `quarterOf`, `quarterEndsBetween`,
 * `quartersBetween`) are total: they return for every business date of years 1–9999, not only
 * for dates in `BUSINESS_DATE_RANGE`, so that no date an older build stored can make a report
 * throw. Where a quarter or year would start before 0001-01-01 or end after 9999-12-31, its
 * bounds are clamped to those days.
 *
 * @example
 * ```ts
 * const { quarterOf } = ukFiscalCalendar;
 * quarterOf(parseBusinessDate('2024-03-31')).label; // '2023/24 Q4'
 * ```
 */
export interface FiscalCalendar {
  /** Month (1–12) in which the financial year starts. */
  readonly startMonth: number;
  /** The financial year containing `date`. */
  readonly fiscalYearOf: (date: BusinessDate) => FiscalYear;
  /** The quarter containing `date`, with its bounds. */
  readonly quarterOf: (date: BusinessDate) => FiscalQuarter;
  /** Quarter `quarter` of the financial year `fy`; throws ValidationError for bad input. */
  readonly quarterBounds: (fy: FiscalYearInput, quarter: FiscalQuarterNumber) => FiscalQuarter;
  /** First and last day of the financial year `fy`; throws ValidationError for bad input. */
  readonly yearBounds: (fy: FiscalYearInput) => FiscalYearBounds;
  /** Quarters whose last day lies in `[from, to]` (both inclusive), oldest first; empty when `from > to`. */
  readonly quarterEndsBetween: (from: BusinessDate, to: BusinessDate) => readonly FiscalQuarter[];
  /** Quarter boundaries crossed from `a`'s quarter to `b`'s quarter: negative when `b` is earlier. */
  readonly quartersBetween: (a: BusinessDate, b: BusinessDate) => number;
  /** Reads a label such as "2023/24"; throws ValidationError naming a bad label. */
  readonly parseFiscalYear: (label: string) => FiscalYear;
}

const optionsSchema = z.strictObject({
  startMonth: z.number().int().min(1).max(12).optional(),
});

/**
 * Creates a frozen {@link FiscalCalendar}. A factory returning closures, rather than a class,
 * so that `const { quarterOf } = calendar` works without binding and the calendar cannot be
 * mutated after it has been shared.
 *
 * @throws ValidationError when `startMonth` is not a whole number from 1 to 12.
 * @example
 * ```ts
 * const july = createFiscalCalendar({ startMonth: 7 });
 * july.quarterOf(parseBusinessDate('2023-07-01')).label; // '2023/24 Q1'
 * ```
 */
export function createFiscalCalendar(options: FiscalCalendarOptions = {}): FiscalCalendar {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw validationErrorFromZod('Invalid fiscal calendar options', parsed.error);
  const startMonth = parsed.data.startMonth ?? 4;

  // The arithmetic is date-fns on UTCDate (see business-date-utc.ts), so the host's time zone
  // never comes into play. Moving a date back (startMonth - 1) months lines its financial year up
  // with a calendar year: the shifted date's calendar year is the financial year's start year and
  // its calendar quarter is the fiscal quarter.
  const alignedToCalendarYear = (date: BusinessDate): UTCDate =>
    subMonths(startOfMonth(toUTCDate(date)), startMonth - 1);

  // Total over every representable date (years 1–9999): the financial year of 0001-03-31 starts
  // in year 0 and that of 9999-12-31 in 9999 (for a year starting after January); both get a
  // label ('0000/01', '9999/00') instead of an error, so a ledger an older build wrote with such
  // a date can always be read. The write side keeps new dates inside BUSINESS_DATE_RANGE.
  const fiscalYearOf = (date: BusinessDate): FiscalYear =>
    fiscalYearOfStartYear(getYear(alignedToCalendarYear(date)), startMonth);

  const quarterNumberOf = (date: BusinessDate): FiscalQuarterNumber =>
    getQuarter(alignedToCalendarYear(date)) as FiscalQuarterNumber;

  const yearStart = (fy: FiscalYear): UTCDate => {
    const utc = new UTCDate(0);
    // setUTCFullYear, not the constructor: Date.UTC maps years 0–99 to 1900–1999.
    utc.setUTCFullYear(fy.startYear, startMonth - 1, 1);
    return utc;
  };

  const quarterBounds = (fyInput: FiscalYearInput, quarter: FiscalQuarterNumber): FiscalQuarter => {
    if (!isFiscalQuarterNumber(quarter)) {
      const message = `Invalid quarter ${String(quarter)}: expected 1, 2, 3 or 4`;
      throw new ValidationError(message, [{ path: ['quarter'], message }]);
    }
    const fy = toFiscalYear(fyInput, startMonth);
    const first = addMonths(yearStart(fy), 3 * (quarter - 1));
    const start = clampedDate(first);
    const end = clampedDate(lastDayOfMonth(addMonths(first, 2)));
    return Object.freeze({ fy, quarter, start, end, label: `${fy.label} Q${quarter}` });
  };

  const quarterOf = (date: BusinessDate): FiscalQuarter =>
    quarterBounds(fiscalYearOf(date), quarterNumberOf(date));

  const yearBounds = (fyInput: FiscalYearInput): FiscalYearBounds => {
    const fy = toFiscalYear(fyInput, startMonth);
    const first = yearStart(fy);
    return Object.freeze({
      fy,
      start: clampedDate(first),
      end: clampedDate(lastDayOfMonth(addMonths(first, 11))),
    });
  };

  const quarterEndsBetween = (from: BusinessDate, to: BusinessDate): readonly FiscalQuarter[] => {
    const ends: FiscalQuarter[] = [];
    let quarter = quarterOf(from);
    while (quarter.end <= to) {
      ends.push(quarter);
      // Stopping at `to` also keeps the walk inside years 1–9999 when `to` is 9999-12-31.
      if (quarter.end === to) break;
      quarter = quarterOf(addDays(quarter.end, 1));
    }
    return Object.freeze(ends);
  };

  // A running quarter count, so that Q4 2023/24 → Q1 2024/25 is one step like any other.
  // Months since year 0 on the shifted calendar, so quarters are plain division: the same as
  // fiscalYearOf(date).startYear * 4 + quarterNumberOf(date) - 1, without building dates (a
  // rebuild computes it for every due-date revision).
  const quarterIndex = (date: BusinessDate): number =>
    Math.floor((Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - startMonth) / 3);

  return Object.freeze({
    startMonth,
    fiscalYearOf,
    quarterOf,
    quarterBounds,
    yearBounds,
    quarterEndsBetween,
    quartersBetween: (a: BusinessDate, b: BusinessDate): number => quarterIndex(b) - quarterIndex(a),
    parseFiscalYear: (label: string): FiscalYear => parseFiscalYearLabel(label, startMonth),
  });
}

const FIRST_DAY = '0001-01-01' as BusinessDate;
const LAST_DAY = '9999-12-31' as BusinessDate;

/**
 * The business date of `utc`, clamped to the representable calendar: a quarter or year that
 * begins before 0001-01-01 or ends after 9999-12-31 (only the edge quarters of the edge years,
 * reachable only from dates an older build accepted outside BUSINESS_DATE_RANGE) is cut at the
 * edge rather than refused, so that every calendar function is total over every business date.
 */
function clampedDate(utc: Date): BusinessDate {
  const year = utc.getUTCFullYear();
  if (year < 1) return FIRST_DAY;
  if (year > 9999) return LAST_DAY;
  return fromUTCDate(utc);
}

/**
 * The UK public-sector calendar: the financial year runs 1 April to 31 March, so FY "2023/24"
 * is 2023-04-01 to 2024-03-31 and Q3 is October to December.
 *
 * @example
 * ```ts
 * ukFiscalCalendar.quarterOf(parseBusinessDate('2024-04-01')).label; // '2024/25 Q1'
 * ```
 */
export const ukFiscalCalendar: FiscalCalendar = createFiscalCalendar();
