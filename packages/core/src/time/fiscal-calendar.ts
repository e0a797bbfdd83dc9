import { z } from 'zod';
import { ValidationError } from '../errors/index.js';
import { type BusinessDate, businessDateFromParts, businessDateParts } from './business-date.js';
import { addDays, startOfMonthOffset } from './business-date-arithmetic.js';
import {
  type FiscalQuarter,
  type FiscalQuarterNumber,
  type FiscalYearBounds,
  isFiscalQuarterNumber,
} from './fiscal-quarter.js';
import {
  type FiscalYear,
  type FiscalYearInput,
  fiscalYearFromStartYear,
  parseFiscalYearLabel,
  toFiscalYear,
} from './fiscal-year.js';
import { validationErrorFromZod } from './zod-validation-error.js';

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

  const fiscalYearOf = (date: BusinessDate): FiscalYear => {
    const { year, month } = businessDateParts(date);
    return fiscalYearFromStartYear(month >= startMonth ? year : year - 1, startMonth);
  };

  const quarterNumberOf = (date: BusinessDate): FiscalQuarterNumber => {
    const monthsIntoYear = (businessDateParts(date).month - startMonth + 12) % 12;
    return (Math.floor(monthsIntoYear / 3) + 1) as FiscalQuarterNumber;
  };

  const yearStart = (fy: FiscalYear): BusinessDate => businessDateFromParts(fy.startYear, startMonth, 1);

  const quarterBounds = (fyInput: FiscalYearInput, quarter: FiscalQuarterNumber): FiscalQuarter => {
    if (!isFiscalQuarterNumber(quarter)) {
      const message = `Invalid quarter ${String(quarter)}: expected 1, 2, 3 or 4`;
      throw new ValidationError(message, [{ path: ['quarter'], message }]);
    }
    const fy = toFiscalYear(fyInput, startMonth);
    const start = startOfMonthOffset(yearStart(fy), 3 * (quarter - 1));
    const end = addDays(startOfMonthOffset(start, 3), -1);
    return Object.freeze({ fy, quarter, start, end, label: `${fy.label} Q${quarter}` });
  };

  const quarterOf = (date: BusinessDate): FiscalQuarter =>
    quarterBounds(fiscalYearOf(date), quarterNumberOf(date));

  const yearBounds = (fyInput: FiscalYearInput): FiscalYearBounds => {
    const fy = toFiscalYear(fyInput, startMonth);
    const start = yearStart(fy);
    return Object.freeze({ fy, start, end: addDays(startOfMonthOffset(start, 12), -1) });
  };

  const quarterEndsBetween = (from: BusinessDate, to: BusinessDate): readonly FiscalQuarter[] => {
    const ends: FiscalQuarter[] = [];
    for (let quarter = quarterOf(from); quarter.end <= to; quarter = quarterOf(addDays(quarter.end, 1))) {
      ends.push(quarter);
    }
    return Object.freeze(ends);
  };

  // A running quarter count, so that Q4 2023/24 → Q1 2024/25 is one step like any other.
  const quarterIndex = (date: BusinessDate): number =>
    fiscalYearOf(date).startYear * 4 + quarterNumberOf(date) - 1;

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
