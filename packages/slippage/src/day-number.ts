import { type BusinessDate, daysBetween } from '@perfledger/core';

const EPOCH = '1970-01-01' as BusinessDate;

/**
 * A date as a day number: calendar days since 1970-01-01 (negative before). The slippage tables
 * store due dates this way as well as `YYYY-MM-DD`, so that portable SQL can subtract two dates
 * (`current_day - original_due_day`) without an engine's own date functions.
 *
 * @example
 * ```ts
 * dayNumber('1970-01-02' as BusinessDate); // 1
 * dayNumber('2020-12-31' as BusinessDate) - dayNumber('2019-06-30' as BusinessDate); // 550
 * ```
 */
export function dayNumber(date: BusinessDate): number {
  return daysBetween(EPOCH, date);
}
