import { UTCDate } from '@date-fns/utc';
import { type BusinessDate, businessDateFromParts, businessDateParts } from './business-date.js';

// The bridge between business dates and date-fns. date-fns helpers read and write a Date's
// local-time fields (getDate, setMonth, …); on a UTCDate those fields are the UTC ones, and UTC
// has no daylight saving and no skipped days, so the host's time zone (TZ, DST, Samoa's missing
// 30 Dec 2011) never reaches a result. Internal: not exported from the package.

/**
 * UTC midnight at the start of `date`, as a {@link UTCDate} for date-fns to work on.
 *
 * @example
 * ```ts
 * addMonths(toUTCDate(parseBusinessDate('2023-11-01')), 3); // UTCDate for 2024-02-01T00:00Z
 * ```
 */
export function toUTCDate(date: BusinessDate): UTCDate {
  const { year, month, day } = businessDateParts(date);
  const utc = new UTCDate(0);
  // Not new UTCDate(year, month - 1, day): that calls Date.UTC, which maps years 0–99 to 1900–1999.
  utc.setUTCFullYear(year, month - 1, day);
  return utc;
}

/**
 * The UTC calendar day of `utc`; any time of day is ignored.
 *
 * @throws ValidationError when the day lies outside years 1–9999 (or `utc` is an invalid Date).
 * @example
 * ```ts
 * fromUTCDate(endOfMonth(toUTCDate(parseBusinessDate('2024-02-10')))); // '2024-02-29'
 * ```
 */
export function fromUTCDate(utc: Date): BusinessDate {
  return businessDateFromParts(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate());
}
