import { ValidationError } from '../errors/index.js';
import { type BusinessDate, businessDateFromParts, businessDateParts, daysInMonth } from './business-date.js';

const MS_PER_DAY = 86_400_000;

// Day arithmetic runs on UTC midnights only: UTC has no daylight saving and no skipped days,
// so the host's time zone (TZ, DST, Samoa's missing 30 Dec 2011) can never shift a result.
// date-fns is deliberately not used here: its helpers read local-time fields.
function toEpochDay(date: BusinessDate): number {
  const { year, month, day } = businessDateParts(date);
  const utc = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  utc.setUTCFullYear(year, month - 1, day);
  return Math.round(utc.getTime() / MS_PER_DAY);
}

function fromEpochDay(epochDay: number): BusinessDate {
  const utc = new Date(epochDay * MS_PER_DAY);
  return businessDateFromParts(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate());
}

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
  return fromEpochDay(toEpochDay(date) + days);
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
  return toEpochDay(to) - toEpochDay(from);
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
  const { year, month } = businessDateParts(date);
  return businessDateFromParts(year, month, daysInMonth(year, month));
}

/**
 * The first day of the month that is `months` months after the month of `date`; whole-month
 * steps avoid the "31 January plus one month" ambiguity. Used to walk fiscal quarters.
 *
 * @example
 * ```ts
 * startOfMonthOffset(parseBusinessDate('2023-11-15'), 3); // '2024-02-01'
 * ```
 */
export function startOfMonthOffset(date: BusinessDate, months: number): BusinessDate {
  const { year, month } = businessDateParts(date);
  const index = year * 12 + (month - 1) + months;
  return businessDateFromParts(Math.floor(index / 12), (((index % 12) + 12) % 12) + 1, 1);
}
