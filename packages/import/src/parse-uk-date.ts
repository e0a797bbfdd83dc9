import {
  type BusinessDate,
  businessDateFromParts,
  daysInMonth,
  isInBusinessDateRange,
  monthNumberOfName,
  outOfRangeReason,
} from '@perfledger/core';
import { quoted } from './display-value.js';
import { type ParseResult, parsed, refused } from './parse-result.js';
import { plainText } from './plain-text.js';

/** The months' English names, January first. */
export const MONTH_NAMES: readonly string[] = [
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
];

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DAY_FIRST_NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d+)$/;
const DAY_FIRST_NAMED = /^(\d{1,2})(?:st|nd|rd|th)?[\s./,-]*([a-z]+)\.?[\s./,-]*(\d+)$/i;
const MONTH_FIRST_NAMED = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d+)$/i;

function fromParts(
  year: string,
  month: number,
  day: string,
  text: string,
  what: string,
): ParseResult<BusinessDate> {
  if (year.length !== 4) {
    return refused(
      `${quoted(text)} needs a four-digit year (a two-digit year could be read in two centuries)`,
    );
  }
  const y = Number(year);
  const d = Number(day);
  if (month < 1 || month > 12) {
    return refused(`${quoted(text)} has no month ${month}; numeric dates are read day first (DD/MM/YYYY)`);
  }
  const last = daysInMonth(y, month);
  if (d < 1 || d > last) {
    return refused(`${quoted(text)} is not a real date: ${MONTH_NAMES[month - 1]} ${y} has ${last} days`);
  }
  const date = businessDateFromParts(y, month, d);
  // Every date a snapshot gives is written (a due date, the as-of date), so it must lie within
  // the business-date range: the importer refuses what the ledger would refuse, row by row.
  if (!isInBusinessDateRange(date)) {
    return refused(outOfRangeReason(date, date === text ? date : `${quoted(text)} (${date})`, what));
  }
  return parsed(date);
}

/**
 * The month number (1–12) of an English month name or abbreviation, or undefined.
 *
 * @example
 * ```ts
 * monthNumber('Sept'); // 9
 * ```
 */
export function monthNumber(word: string): number | undefined {
  return monthNumberOfName(word);
}

/**
 * Reads a date as UK council spreadsheets and reports write them, day first: ISO `2024-03-31`,
 * `31/03/2024` (also with `-` or `.`), `31 March 2024`, `31-May-2019`, `30-Sept-2019`,
 * `28-February-2020`, `31st March 2024`, and the unambiguous `March 31, 2024`. `what` names the
 * field in advice ("the due date"). Surrounding
 * HTML such as `<b>…</b>` is ignored. Impossible dates (`31-Apr-2020`, which appears in a real
 * report), two-digit years, spreadsheet serial numbers and dates outside core's
 * `BUSINESS_DATE_RANGE` (1900-01-01 to 2199-12-31; "no end date" markers such as `31/12/9999`
 * get the advice to leave the cell blank) are refused with the reason.
 *
 * @example
 * ```ts
 * parseUkDate('30-Sept-2019'); // { ok: true, value: '2019-09-30' }
 * parseUkDate('31/12/9999', 'the due date'); // refused: outside the range; leave the due date blank
 * parseUkDate('31/03/2024'); // { ok: true, value: '2024-03-31' }
 * parseUkDate('31-Apr-2020'); // { ok: false, message: "'31-Apr-2020' is not a real date: April 2020 has 30 days" }
 * ```
 */
export function parseUkDate(text: string, what = 'the date'): ParseResult<BusinessDate> {
  const cell = plainText(text);
  if (cell === '') return refused('is empty; expected a date such as 31/03/2024 or 31 March 2024');
  const iso = ISO.exec(cell);
  if (iso !== null) return fromParts(iso[1]!, Number(iso[2]), iso[3]!, cell, what);
  const numeric = DAY_FIRST_NUMERIC.exec(cell);
  if (numeric !== null) return fromParts(numeric[3]!, Number(numeric[2]), numeric[1]!, cell, what);
  const named = DAY_FIRST_NAMED.exec(cell);
  if (named !== null) {
    const month = monthNumber(named[2]!);
    if (month !== undefined) return fromParts(named[3]!, month, named[1]!, cell, what);
    return refused(`${quoted(cell)} has no month called ${quoted(named[2]!)}`);
  }
  const monthFirst = MONTH_FIRST_NAMED.exec(cell);
  if (monthFirst !== null) {
    const month = monthNumber(monthFirst[1]!);
    if (month !== undefined) return fromParts(monthFirst[3]!, month, monthFirst[2]!, cell, what);
    return refused(`${quoted(cell)} has no month called ${quoted(monthFirst[1]!)}`);
  }
  if (/^\d{5}(?:\.\d+)?$/.test(cell)) {
    return refused(
      `${quoted(cell)} looks like a spreadsheet date serial number; format the column as a date before exporting`,
    );
  }
  return refused(
    `${quoted(cell)} is not a date; expected a form such as 31/03/2024, 31 March 2024 or 2024-03-31`,
  );
}
