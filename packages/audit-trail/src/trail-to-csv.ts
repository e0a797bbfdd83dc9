import { type AuditRow, auditRowKeys } from './audit-row.js';
import { csvCell } from './csv-cell.js';

/**
 * How {@link trailToCsv} writes the file.
 *
 * @example
 * ```ts
 * const exact: TrailCsvOptions = { formulaGuard: false }; // for programs, not spreadsheets
 * ```
 */
export interface TrailCsvOptions {
  /**
   * Prefix text cells starting with `=`, `+`, `-`, `@`, tab or carriage return with a single
   * quote, so that a spreadsheet cannot run a comment such as `=HYPERLINK(…)` as a formula.
   * On by default because trails are opened in Excel; turn it off only for programs that read
   * the values back exactly (except hidden characters such as U+202E, which CSV always shows as
   * `[U+202E]` markers; read `trailToJson` for those values exactly).
   */
  readonly formulaGuard?: boolean;
}

/**
 * The trail as CSV (RFC 4180): a header row of the {@link AuditRow} keys, then one record per
 * row, CRLF line endings, fields quoted only when they must be, null as an empty field. Text is
 * guarded against formula injection unless `formulaGuard: false`, and hidden characters
 * (bidirectional controls such as U+202E, invisible format characters) are shown as `[U+202E]`
 * markers (see {@link csvCell}).
 *
 * @example
 * ```ts
 * writeFileSync('trail.csv', trailToCsv(queryTrail(ledger, { code: 'DEM1518_02' })));
 * ```
 */
export function trailToCsv(rows: readonly AuditRow[], options: TrailCsvOptions = {}): string {
  const guard = options.formulaGuard ?? true;
  const lines = [auditRowKeys.join(',')];
  for (const row of rows) lines.push(auditRowKeys.map((key) => csvCell(row[key], guard)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
