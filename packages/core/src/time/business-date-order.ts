import type { BusinessDate } from './business-date.js';

/**
 * Comparator for sorting dates chronologically; returns -1, 0 or 1.
 *
 * @example
 * ```ts
 * dates.toSorted(compareBusinessDates);
 * ```
 */
export function compareBusinessDates(a: BusinessDate, b: BusinessDate): -1 | 0 | 1 {
  // The fixed-width ISO format makes code-unit order chronological; localeCompare would not be.
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The earliest of one or more dates. Takes at least one argument so the result is never undefined.
 *
 * @example
 * ```ts
 * minBusinessDate(originalDue, currentDue);
 * ```
 */
export function minBusinessDate(first: BusinessDate, ...rest: readonly BusinessDate[]): BusinessDate {
  return rest.reduce((min, date) => (compareBusinessDates(date, min) < 0 ? date : min), first);
}

/**
 * The latest of one or more dates. Takes at least one argument so the result is never undefined.
 *
 * @example
 * ```ts
 * maxBusinessDate(originalDue, currentDue);
 * ```
 */
export function maxBusinessDate(first: BusinessDate, ...rest: readonly BusinessDate[]): BusinessDate {
  return rest.reduce((max, date) => (compareBusinessDates(date, max) > 0 ? date : max), first);
}
