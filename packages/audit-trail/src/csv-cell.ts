// Spreadsheets run a cell that starts with one of these as a formula (CSV injection, OWASP);
// tab and carriage return are on OWASP's list too because some programs strip them first.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field per RFC 4180: quoted when it contains a comma, a double quote or a line break,
 * with embedded quotes doubled. With `formulaGuard`, text starting with = + - @ (or tab, CR) is
 * prefixed with a single quote so spreadsheets show it as text instead of evaluating it.
 * Shared by `trailToCsv` and the CLI's CSV output.
 *
 * @example
 * ```ts
 * csvCell('=SUM(A1)', true); // "'=SUM(A1)"
 * csvCell('a "quoted", word', true); // '"a ""quoted"", word"'
 * ```
 */
export function csvCell(value: string | number | null | undefined, formulaGuard: boolean): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (formulaGuard && typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
