import { revealHiddenCharacters } from '@perfledger/core';

// Spreadsheets run a cell that starts with one of these as a formula (CSV injection, OWASP);
// tab and carriage return are on OWASP's list too because some programs strip them first.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Text as a spreadsheet must receive it so that it is never run as a formula (CSV injection,
 * OWASP): text starting with `=`, `+`, `-`, `@`, tab or carriage return gets a single quote in
 * front; other text is returned as it is. The one rule behind the CSV formula guard
 * ({@link csvCell}) and the CLI's XLSX cells.
 *
 * @example
 * ```ts
 * guardFormula('=HYPERLINK("http://x")'); // `'=HYPERLINK("http://x")`
 * guardFormula('-5 days'); // "'-5 days"
 * guardFormula('On track'); // 'On track'
 * ```
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One CSV field per RFC 4180: quoted when it contains a comma, a double quote or a line break,
 * with embedded quotes doubled. With `formulaGuard`, text starting with = + - @ (or tab, CR) is
 * prefixed with a single quote so spreadsheets show it as text instead of evaluating it.
 * Shared by `trailToCsv` and the CLI's CSV output.
 *
 * Hidden characters (bidirectional controls such as U+202E, invisible format and control
 * characters; see core's `findHiddenCharacters`) are always shown as `[U+202E]` markers by core's
 * `revealHiddenCharacters`, with or without the formula guard: CSV has no escape syntax,
 * and a spreadsheet would otherwise display the reordered text. Programs that need the stored
 * value exactly read the JSON form, which escapes them instead.
 *
 * @example
 * ```ts
 * csvCell('=SUM(A1)', true); // "'=SUM(A1)"
 * csvCell('a "quoted", word', true); // '"a ""quoted"", word"'
 * csvCell('Pay \u202E0001£', false); // 'Pay [U+202E]0001£'
 * ```
 */
export function csvCell(value: string | number | null | undefined, formulaGuard: boolean): string {
  if (value === null || value === undefined) return '';
  let text = revealHiddenCharacters(String(value));
  if (formulaGuard && typeof value === 'string') text = guardFormula(text);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
