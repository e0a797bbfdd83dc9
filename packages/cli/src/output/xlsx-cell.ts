import { guardFormula } from '@perfledger/audit-trail';
import { codePointNotation, revealHiddenCharacters } from '@perfledger/core';

/**
 * What a column of a workbook holds, which decides the cell's type and number format:
 * - `text`: a string cell, never a formula (see {@link xlsxText});
 * - `integer`: a number shown without decimals (counts, positions, days);
 * - `percent`: a fraction (0.9) shown as a percentage (90%);
 * - `date`: a business date `YYYY-MM-DD`, written as a spreadsheet date;
 * - `datetime`: an ISO-8601 UTC instant, written as a spreadsheet date and time (UTC);
 * - `boolean`: TRUE or FALSE.
 */
export type XlsxCellKind = 'text' | 'integer' | 'percent' | 'date' | 'datetime' | 'boolean';

/** A value for one cell, before it is typed by its column's {@link XlsxCellKind}; null is an empty cell. */
export type XlsxValue = string | number | boolean | null;

/** The number format of each kind of column (none for text and booleans). */
export const XLSX_NUMBER_FORMATS: Readonly<Record<XlsxCellKind, string | undefined>> = Object.freeze({
  text: undefined,
  integer: '0',
  percent: '0%',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
  boolean: undefined,
});

// Excel's 1900 date system counts 1900 as a leap year, so a date before 1 March 1900 would be
// shown a day out; such dates (only an older build could record one) are written as text.
const FIRST_EXACT_DATE = '1900-03-01';
const LAST_DATE = '9999-12-31';
const BUSINESS_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Characters that XML 1.0 cannot hold, and that core's hidden-character markers do not cover:
// the noncharacters U+FFFE and U+FFFF and lone surrogates. Shown as markers too.
const NOT_XML = /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as a workbook cell holds it: hidden characters (U+202E and the like) shown as `[U+202E]`
 * markers by core's `revealHiddenCharacters`, as in CSV; characters XML cannot carry shown the
 * same way; and text starting with `=`, `+`, `-`, `@`, tab or carriage return given a leading
 * single quote by the audit trail's `guardFormula`, as in CSV. The cell is always a string cell,
 * so a spreadsheet shows the text and never runs it, even when someone edits the cell. Text longer
 * than a cell holds ({@link XLSX_MAX_TEXT}) is cut, saying so, rather than making a workbook Excel
 * must repair.
 *
 * @example
 * ```ts
 * xlsxText('=HYPERLINK("http://x")'); // `'=HYPERLINK("http://x")`
 * xlsxText('Pay \u202E0001'); // 'Pay [U+202E]0001'
 * ```
 */
export function xlsxText(text: string): string {
  const shown = revealHiddenCharacters(text).replace(
    NOT_XML,
    (character) => `[${codePointNotation(character.charCodeAt(0))}]`,
  );
  const guarded = guardFormula(shown);
  if (guarded.length <= XLSX_MAX_TEXT) return guarded;
  // Never split a surrogate pair: cut at a code point boundary.
  let cut = XLSX_MAX_TEXT - TRUNCATED.length;
  if (/[\uDC00-\uDFFF]/.test(guarded[cut] ?? '')) cut -= 1;
  return `${guarded.slice(0, cut)}${TRUNCATED}`;
}

/** The most characters a spreadsheet cell holds (Excel's limit, in UTF-16 code units). */
export const XLSX_MAX_TEXT = 32_767;
const TRUNCATED = '… [cut at the 32,767 characters a cell holds; the JSON output has it all]';

/**
 * The value exceljs writes for `value` in a column of `kind`: a `Date` (at UTC midnight) for a
 * business date Excel can show exactly, else the date as text; a number for numbers; the
 * guarded text ({@link xlsxText}) for text. Null and undefined are empty cells.
 *
 * @example
 * ```ts
 * xlsxCellValue('date', '2019-06-30'); // new Date('2019-06-30T00:00:00Z')
 * xlsxCellValue('percent', 0.9); // 0.9, shown as 90%
 * ```
 */
export function xlsxCellValue(
  kind: XlsxCellKind,
  value: XlsxValue | undefined,
): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    if (kind === 'date' && BUSINESS_DATE.test(value) && value >= FIRST_EXACT_DATE && value <= LAST_DATE) {
      const date = new Date(`${value}T00:00:00Z`);
      if (!Number.isNaN(date.getTime())) return date;
    }
    if (kind === 'datetime' && value.slice(0, 10) >= FIRST_EXACT_DATE && value.slice(0, 10) <= LAST_DATE) {
      // Microseconds are beyond a spreadsheet's precision; the JSON output keeps them.
      const date = new Date(value);
      if (!Number.isNaN(date.getTime())) return date;
    }
    return xlsxText(value);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return value;
}
