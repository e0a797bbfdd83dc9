import { z } from 'zod';
import { ValidationError } from '../errors/index.js';

/**
 * A calendar date, `YYYY-MM-DD`, with no time of day and no time zone: "as at 31 December 2023"
 * means the same day in every office and on every server.
 *
 * Branded so a free-form string cannot be passed where a checked date is required. Because the
 * format is fixed-width with four-digit years, string order is chronological order, so dates
 * can be compared, sorted and used as index keys as plain strings.
 *
 * @example
 * ```ts
 * const due: BusinessDate = parseBusinessDate('2024-03-31');
 * due < parseBusinessDate('2024-04-01'); // true
 * ```
 */
export type BusinessDate = string & { readonly __brand: 'BusinessDate' };

/**
 * The numeric year, month (1–12) and day of a {@link BusinessDate}.
 *
 * @example
 * ```ts
 * const { year, month, day } = businessDateParts(parseBusinessDate('2024-02-29'));
 * ```
 */
export interface BusinessDateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/**
 * Days in a month of the proleptic Gregorian calendar. Pure arithmetic, so no host time zone
 * can influence it.
 *
 * @example
 * ```ts
 * daysInMonth(2024, 2); // 29
 * ```
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isRealDate(year: number, month: number, day: number): boolean {
  // Year 0000 is excluded: it has no conventional meaning in UK business records.
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

function partsOf(text: string): BusinessDateParts | undefined {
  const match = ISO_DATE.exec(text);
  if (match === null) return undefined;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/**
 * Zod schema for a {@link BusinessDate}: an ISO `YYYY-MM-DD` string naming a day that exists.
 * Use it inside larger schemas at the boundary (commands, importers, HTTP bodies).
 *
 * Rejects impossible dates such as `2020-04-31` (seen in real council reports) and `2023-02-29`.
 *
 * @example
 * ```ts
 * const command = z.object({ dueDate: businessDateSchema });
 * command.parse({ dueDate: '2024-02-29' }).dueDate; // BusinessDate
 * ```
 */
export const businessDateSchema: z.ZodType<BusinessDate, string> = z
  .string()
  .regex(ISO_DATE, { message: 'Expected a date in the form YYYY-MM-DD' })
  .refine(
    (text) => {
      const parts = partsOf(text);
      return parts !== undefined && isRealDate(parts.year, parts.month, parts.day);
    },
    { message: 'No such calendar date', abort: true },
  )
  .transform((text) => text as BusinessDate);

/**
 * Type guard: true when `text` is an ISO `YYYY-MM-DD` string naming a day that exists.
 *
 * @example
 * ```ts
 * isBusinessDate('2024-02-29'); // true
 * isBusinessDate('2023-02-29'); // false
 * ```
 */
export function isBusinessDate(text: unknown): text is BusinessDate {
  if (typeof text !== 'string') return false;
  const parts = partsOf(text);
  return parts !== undefined && isRealDate(parts.year, parts.month, parts.day);
}

/**
 * Checks an ISO `YYYY-MM-DD` string and brands it. Strict on purpose: lenient formats such as
 * "31-May-2019" belong to importers, which know the file, row and column to report.
 *
 * @throws ValidationError naming the bad value.
 * @example
 * ```ts
 * parseBusinessDate('2024-03-31'); // '2024-03-31'
 * parseBusinessDate('2020-04-31'); // throws ValidationError
 * ```
 */
export function parseBusinessDate(text: string): BusinessDate {
  if (isBusinessDate(text)) return text;
  const reason =
    typeof text === 'string' && ISO_DATE.test(text) ? 'no such calendar date' : 'expected YYYY-MM-DD';
  const message = `Invalid business date ${JSON.stringify(text)}: ${reason}`;
  throw new ValidationError(message, [{ path: [], message }]);
}

/**
 * Builds a {@link BusinessDate} from numbers, validating that the day exists.
 *
 * @throws ValidationError when the combination is not a real date (or the year is outside 1–9999).
 * @example
 * ```ts
 * businessDateFromParts(2024, 2, 29); // '2024-02-29'
 * ```
 */
export function businessDateFromParts(year: number, month: number, day: number): BusinessDate {
  if (!isRealDate(year, month, day)) {
    const message = `Invalid business date: year ${year}, month ${month}, day ${day} is not a calendar date`;
    throw new ValidationError(message, [{ path: [], message }]);
  }
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as BusinessDate;
}

/**
 * Splits a {@link BusinessDate} into numbers. The brand guarantees the format, so this never fails.
 *
 * @example
 * ```ts
 * businessDateParts(parseBusinessDate('2023-10-01')); // { year: 2023, month: 10, day: 1 }
 * ```
 */
export function businessDateParts(date: BusinessDate): BusinessDateParts {
  const parts = partsOf(date);
  if (parts === undefined) {
    // Only reachable if a caller forged the brand with a cast.
    return parseBusinessDate(date) as never;
  }
  return parts;
}
