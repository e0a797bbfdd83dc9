import { type CalendarDate, dayNumber, parseCalendarDate } from './calendar-date.js';

/**
 * How far an action's due date has moved, computed from its original and current dates: calendar
 * days (current minus original) and fiscal quarters (quarter of current minus quarter of original).
 *
 * @example
 * ```ts
 * slipMeasures('2019-06-30', '2020-12-31', 4); // { days: 550, quarters: 6 }
 * ```
 */
export function slipMeasures(
  originalDueDate: string,
  currentDueDate: string,
  startMonth: number,
): { readonly days: number; readonly quarters: number } {
  const original = parseCalendarDate(originalDueDate);
  const current = parseCalendarDate(currentDueDate);
  if (!original || !current) return { days: 0, quarters: 0 };
  return {
    days: dayNumber(current) - dayNumber(original),
    quarters: fiscalQuarterIndex(current, startMonth) - fiscalQuarterIndex(original, startMonth),
  };
}

/** A running count of fiscal quarters, so that differences are quarters crossed. */
export function fiscalQuarterIndex(date: CalendarDate, startMonth: number): number {
  const monthsSinceStart = date.year * 12 + (date.month - 1) - (startMonth - 1);
  return Math.floor(monthsSinceStart / 3);
}

/**
 * "+550 days", "−30 days" (a true minus sign), "0 days", "+1 day".
 *
 * @example
 * ```ts
 * formatDaysMoved(-30); // '−30 days'
 * ```
 */
export function formatDaysMoved(days: number): string {
  const sign = days > 0 ? '+' : days < 0 ? '−' : '';
  const size = Math.abs(days);
  return `${sign}${size} ${size === 1 ? 'day' : 'days'}`;
}

/**
 * "6 quarters", "1 quarter", "−1 quarter".
 *
 * @example
 * ```ts
 * formatQuartersMoved(6); // '6 quarters'
 * ```
 */
export function formatQuartersMoved(quarters: number): string {
  const size = Math.abs(quarters);
  return `${quarters < 0 ? '−' : ''}${size} ${size === 1 ? 'quarter' : 'quarters'}`;
}
