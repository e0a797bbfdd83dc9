import {
  addDays as addCalendarDays,
  addMonths,
  endOfMonth as endOfCalendarMonth,
  startOfMonth,
} from 'date-fns';
import { ValidationError } from '../errors/index.js';
import type { BusinessDate } from './business-date.js';
import { fromUTCDate, toUTCDate } from './business-date-utc.js';

// The arithmetic is date-fns running on UTCDate (see business-date-utc.ts): date-fns reads and
// writes a Date's local-time fields, and on a UTCDate those are the UTC fields, so local time
// never comes into play and the host's time zone (TZ, DST, Samoa's missing 30 Dec 2011) can
// never shift a result.

/**
 * The date `days` calendar days after `date` (before it, when negative).
 *
 * @throws ValidationError when `days` is not an integer or the result leaves years 1–9999.
 * @example
 * ```ts
 * addDays(parseBusinessDate('2024-02-28'), 1); // '2024-02-29'
 * addDays(parseBusinessDate('2024-04-01'), -1); // '2024-03-31'
 * ```
 */
export function addDays(date: BusinessDate, days: number): BusinessDate {
  if (!Number.isSafeInteger(days)) {
    const message = `Cannot add ${days} days to ${date}: expected a whole number of days`;
    throw new ValidationError(message, [{ path: [], message }]);
  }
  return fromUTCDate(addCalendarDays(toUTCDate(date), days));
}

/**
 * Calendar days from `from` to `to` (`to` minus `from`): positive when `to` is later. Used for
 * "days slipped" when a due date moves.
 *
 * @example
 * ```ts
 * daysBetween(parseBusinessDate('2023-12-31'), parseBusinessDate('2024-03-31')); // 91
 * ```
 */
export function daysBetween(from: BusinessDate, to: BusinessDate): number {
  return epochDay(to) - epochDay(from);
}

/**
 * Days from 1970-01-01 to `date` in the proleptic Gregorian calendar (negative before 1970), by
 * plain arithmetic on the year, month and day: a rebuild computes it for every due date, where
 * building a Date per call costs more than the rest of the row. Exact for years 1–9999 (the
 * tests check it against date-fns over the whole range).
 *
 * @example
 * ```ts
 * epochDay(parseBusinessDate('1970-01-02')); // 1
 * ```
 */
export function epochDay(date: BusinessDate): number {
  let year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  // Days from civil (Howard Hinnant's algorithm): years start in March, so leap days fall last.
  if (month <= 2) year -= 1;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * The last day of the month containing `date`.
 *
 * @example
 * ```ts
 * endOfMonth(parseBusinessDate('2024-02-10')); // '2024-02-29'
 * ```
 */
export function endOfMonth(date: BusinessDate): BusinessDate {
  return fromUTCDate(endOfCalendarMonth(toUTCDate(date)));
}

/**
 * The first day of the month that is `months` months after the month of `date`; whole-month
 * steps avoid the "31 January plus one month" ambiguity.
 *
 * @example
 * ```ts
 * startOfMonthOffset(parseBusinessDate('2023-11-15'), 3); // '2024-02-01'
 * ```
 */
export function startOfMonthOffset(date: BusinessDate, months: number): BusinessDate {
  return fromUTCDate(addMonths(startOfMonth(toUTCDate(date)), months));
}
