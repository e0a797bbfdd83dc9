/**
 * A calendar day as numbers, for the renderer's own arithmetic. Kept here (rather than imported
 * from `@perfledger/core`) so the package has no runtime dependencies and runs in a browser.
 */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * Reads `YYYY-MM-DD`; `undefined` for anything else or for a day that does not exist
 * ("2020-04-31", "2023-02-29").
 *
 * @example
 * ```ts
 * parseCalendarDate('2024-02-29'); // { year: 2024, month: 2, day: 29 }
 * parseCalendarDate('31-Mar-2024'); // undefined
 * ```
 */
export function parseCalendarDate(text: string): CalendarDate | undefined {
  const match = isoDate.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Days since 1970-01-01 (negative before), so that differences are calendar days. Howard
 * Hinnant's `days_from_civil`.
 *
 * @example
 * ```ts
 * dayNumber({ year: 1970, month: 1, day: 1 }); // 0
 * dayNumber({ year: 2024, month: 3, day: 31 }) - dayNumber({ year: 2023, month: 12, day: 31 }); // 91
 * ```
 */
export function dayNumber(date: CalendarDate): number {
  const year = date.month <= 2 ? date.year - 1 : date.year;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const monthFromMarch = (date.month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + date.day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/**
 * "31 December 2023".
 *
 * @example
 * ```ts
 * formatLongDate({ year: 2023, month: 12, day: 31 }); // '31 December 2023'
 * ```
 */
export function formatLongDate(date: CalendarDate): string {
  return `${date.day} ${monthName(date.month)} ${date.year}`;
}

/**
 * "31 Dec 2023", for table cells and chart labels.
 *
 * @example
 * ```ts
 * formatShortDate({ year: 2020, month: 9, day: 30 }); // '30 Sep 2020'
 * ```
 */
export function formatShortDate(date: CalendarDate): string {
  return `${date.day} ${monthName(date.month).slice(0, 3)} ${date.year}`;
}

/**
 * An ISO date printed short ("31 Dec 2023"), or the text itself if it is not an ISO date, so that
 * a malformed value is shown rather than lost.
 */
export function formatShortDateText(text: string): string {
  const date = parseCalendarDate(text);
  return date ? formatShortDate(date) : text;
}

/**
 * A quarter's span as a committee writes it: "1 October – 31 December 2023", repeating the year
 * only when the quarter crosses one ("1 November 2023 – 31 January 2024").
 *
 * @example
 * ```ts
 * formatDateRange({ year: 2023, month: 10, day: 1 }, { year: 2023, month: 12, day: 31 }); // '1 October – 31 December 2023'
 * ```
 */
export function formatDateRange(start: CalendarDate, end: CalendarDate): string {
  const from = start.year === end.year ? `${start.day} ${monthName(start.month)}` : formatLongDate(start);
  return `${from} – ${formatLongDate(end)}`;
}

/** The English name of month 1–12. */
export function monthName(month: number): string {
  return monthNames[month - 1] ?? String(month);
}

/**
 * The dates the report plots: `@perfledger/core`'s `BUSINESS_DATE_RANGE`, repeated here because
 * this package has no runtime dependencies (the CLI's tests check the two agree). A date outside
 * it (only an older build could have recorded one, such as the "no end date" marker 9999-12-31)
 * is printed as recorded and flagged, but not drawn: one such date would otherwise stretch the
 * timeline over thousands of years.
 *
 * @example
 * ```ts
 * plottableDateRange.max; // '2199-12-31'
 * ```
 */
export const plottableDateRange = Object.freeze({ min: '1900-01-01', max: '2199-12-31' });

/**
 * True for a real `YYYY-MM-DD` date within {@link plottableDateRange}.
 *
 * @example
 * ```ts
 * isPlottableDate('9999-12-31'); // false
 * ```
 */
export function isPlottableDate(text: string): boolean {
  return (
    parseCalendarDate(text) !== undefined && text >= plottableDateRange.min && text <= plottableDateRange.max
  );
}

/**
 * A due date printed short, flagged when it is a real date outside {@link plottableDateRange}:
 * "31 Dec 9999 (outside the business-date range)".
 *
 * @example
 * ```ts
 * formatDueDateText('2024-03-31'); // '31 Mar 2024'
 * ```
 */
export function formatDueDateText(text: string): string {
  const shown = formatShortDateText(text);
  return parseCalendarDate(text) !== undefined && !isPlottableDate(text)
    ? `${shown} (outside the business-date range)`
    : shown;
}
