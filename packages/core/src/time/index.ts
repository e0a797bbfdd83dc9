export type { BusinessDate, BusinessDateParts } from './business-date.js';
export {
  businessDateFromParts,
  businessDateParts,
  businessDateSchema,
  daysInMonth,
  isBusinessDate,
  parseBusinessDate,
} from './business-date.js';
export { addDays, daysBetween, endOfMonth, epochDay } from './business-date-arithmetic.js';
export type { BusinessDateOfOptions } from './business-date-of.js';
export { businessDateOf } from './business-date-of.js';
export { compareBusinessDates, maxBusinessDate, minBusinessDate } from './business-date-order.js';
export {
  BUSINESS_DATE_RANGE,
  BUSINESS_DATE_RANGE_TEXT,
  isInBusinessDateRange,
  isNoDateMarker,
  isWritableBusinessDate,
  outOfRangeReason,
  parseWritableBusinessDate,
  writableBusinessDateSchema,
} from './business-date-range.js';
export type { FiscalCalendar, FiscalCalendarOptions } from './fiscal-calendar.js';
export { createFiscalCalendar, ukFiscalCalendar } from './fiscal-calendar.js';
export type { FiscalQuarter, FiscalQuarterNumber, FiscalYearBounds } from './fiscal-quarter.js';
export { isFiscalQuarterNumber } from './fiscal-quarter.js';
export type { FiscalYear, FiscalYearInput } from './fiscal-year.js';
