import { z } from 'zod';
import { ValidationError } from '../errors/index.js';
import { type BusinessDate, businessDateSchema, isBusinessDate } from './business-date.js';

/**
 * The business dates the ledger accepts on every write: due dates, revisions, corrections,
 * effective dates, closing dates, snapshot cells. Defined here once; every write-side schema and
 * the importer use it, and the read side is total over it (and over the wider calendar that an
 * older build could write, see `docs/guarantees.md`).
 *
 * Why 1900-01-01 to 2199-12-31:
 * - wide enough for any real plan: spreadsheets cannot hold a date before 1900 (Excel's day 1 is
 *   1 January 1900), and no council plan, lease or programme runs past 2199;
 * - narrow enough that every derived value is representable for every fiscal start month 1–12:
 *   a date in the range lies in a financial year starting between 1899 and 2199, whose bounds lie
 *   between 1899-02-01 and 2200-12-31 (well inside years 1–9999), whose label has four digits,
 *   and any two dates in it are at most 109,572 days (1,200 quarters) apart;
 * - and it refuses the markers spreadsheets use for "no date": 0001-01-01, 1899-12-30 (the
 *   spreadsheet zero date), 9999-12-31.
 *
 * @example
 * ```ts
 * BUSINESS_DATE_RANGE.min; // '1900-01-01'
 * BUSINESS_DATE_RANGE.max; // '2199-12-31'
 * ```
 */
export const BUSINESS_DATE_RANGE: Readonly<{ min: BusinessDate; max: BusinessDate }> = Object.freeze({
  min: '1900-01-01' as BusinessDate,
  max: '2199-12-31' as BusinessDate,
});

/**
 * The range as people read it, for messages: "1900-01-01 to 2199-12-31".
 *
 * @example
 * ```ts
 * `must lie within ${BUSINESS_DATE_RANGE_TEXT}`;
 * ```
 */
export const BUSINESS_DATE_RANGE_TEXT = `${BUSINESS_DATE_RANGE.min} to ${BUSINESS_DATE_RANGE.max}`;

/**
 * True when `date` lies within {@link BUSINESS_DATE_RANGE} (both ends inclusive). Read models use
 * it to flag dates an older build accepted outside the range, which they still show as recorded.
 *
 * @example
 * ```ts
 * isInBusinessDateRange(parseBusinessDate('9999-12-31')); // false
 * ```
 */
export function isInBusinessDateRange(date: BusinessDate): boolean {
  // Fixed-width ISO strings: code-unit order is chronological order.
  return date >= BUSINESS_DATE_RANGE.min && date <= BUSINESS_DATE_RANGE.max;
}

/**
 * True when `text` is a real calendar date inside {@link BUSINESS_DATE_RANGE}: a date the
 * ledger may write.
 *
 * @example
 * ```ts
 * isWritableBusinessDate('2024-03-31'); // true
 * isWritableBusinessDate('0001-01-01'); // false
 * ```
 */
export function isWritableBusinessDate(text: unknown): text is BusinessDate {
  return isBusinessDate(text) && isInBusinessDateRange(text);
}

/**
 * True for the dates spreadsheets and older systems write to mean "no date" or "no end date":
 * 0001-01-01, 1899-12-30 and 1899-12-31 (spreadsheet day zero), and the first and last days
 * of year 9999.
 *
 * @example
 * ```ts
 * isNoDateMarker('9999-12-31'); // true
 * ```
 */
export function isNoDateMarker(date: string): boolean {
  return /^(?:0001-01-01|1899-12-3[01]|9999-01-01|9999-12-31)$/.test(date);
}

/**
 * Why a real calendar date cannot be written, in words: names the value and the range, and for
 * a "no date" marker ({@link isNoDateMarker}) says to leave the cell blank. `shown` is how the
 * value was written, when that differs from the ISO date (a spreadsheet's `31/12/9999`); `what`
 * names the field in the advice ("the due date").
 *
 * @example
 * ```ts
 * outOfRangeReason('9999-12-31');
 * // '9999-12-31 is outside the business-date range 1900-01-01 to 2199-12-31; it looks like a "no date" marker: leave the date blank (or give the real date) instead'
 * ```
 */
export function outOfRangeReason(date: string, shown: string = date, what = 'the date'): string {
  return (
    `${shown} is outside the business-date range ${BUSINESS_DATE_RANGE_TEXT}` +
    (isNoDateMarker(date)
      ? `; it looks like a "no date" marker: leave ${what} blank (or give the real date) instead`
      : '')
  );
}

/**
 * Zod schema for a date the ledger may write: a {@link BusinessDate} within
 * {@link BUSINESS_DATE_RANGE}. Every command and event schema uses it for the dates it writes;
 * reads (as-at dates, query bounds) keep the wider {@link businessDateSchema}.
 *
 * @example
 * ```ts
 * writableBusinessDateSchema.safeParse('9999-12-31').success; // false
 * ```
 */
export const writableBusinessDateSchema: z.ZodType<BusinessDate, string> = businessDateSchema.pipe(
  z.custom<BusinessDate>((date) => isInBusinessDateRange(date as BusinessDate), {
    error: (issue) => outOfRangeReason(String(issue.input)),
  }),
);

/**
 * Checks that `text` is a date the ledger may write and brands it.
 *
 * @throws ValidationError naming the value and the range.
 * @example
 * ```ts
 * parseWritableBusinessDate('2024-03-31'); // '2024-03-31'
 * parseWritableBusinessDate('9999-12-31'); // throws ValidationError
 * ```
 */
export function parseWritableBusinessDate(
  text: string,
  path: readonly (string | number)[] = [],
): BusinessDate {
  const parsed = writableBusinessDateSchema.safeParse(text);
  if (parsed.success) return parsed.data;
  const message = `Invalid business date ${JSON.stringify(text)}: ${parsed.error.issues.map((i) => i.message).join('; ')}`;
  throw new ValidationError(message, [{ path, message }]);
}
