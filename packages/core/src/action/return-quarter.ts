import type { FiscalQuarterNumber } from '../time/index.js';
import { type BusinessDate, createFiscalCalendar, type FiscalCalendar } from '../time/index.js';

const calendars = new Map<number, FiscalCalendar>();

function calendarOf(startMonth: number): FiscalCalendar {
  let calendar = calendars.get(startMonth);
  if (calendar === undefined) {
    calendar = createFiscalCalendar({ startMonth });
    calendars.set(startMonth, calendar);
  }
  return calendar;
}

/**
 * The last day of quarter `quarter` of the financial year labelled `fy`, for every start month
 * the label allows: a label "2019/20" spans two calendar years (a year starting in February to
 * December), a label "2019" is a January-start year. A return is effective on one of these.
 *
 * @example
 * ```ts
 * returnQuarterEnds('2019/20', 1).includes('2019-06-30'); // true (April start)
 * returnQuarterEnds('2019', 1); // ['2019-03-31']
 * ```
 */
export function returnQuarterEnds(fy: string, quarter: FiscalQuarterNumber): readonly BusinessDate[] {
  const months = fy.includes('/') ? [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] : [1];
  return months.map((month) => calendarOf(month).quarterBounds(fy, quarter).end);
}

/**
 * The quarter end a return is effective on when none is given: of an April-start year for a
 * label such as "2019/20" (the UK's financial year), of a January-start year for "2019".
 *
 * @example
 * ```ts
 * defaultReturnQuarterEnd('2019/20', 2); // '2019-09-30'
 * ```
 */
export function defaultReturnQuarterEnd(fy: string, quarter: FiscalQuarterNumber): BusinessDate {
  return calendarOf(fy.includes('/') ? 4 : 1).quarterBounds(fy, quarter).end;
}
