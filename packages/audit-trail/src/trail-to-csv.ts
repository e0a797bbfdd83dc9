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

/** The header line, then one CRLF-terminated record per row. */
function* csvLines(rows: Iterable<AuditRow>, options: TrailCsvOptions): Generator<string> {
  const guard = options.formulaGuard ?? true;
  yield `${auditRowKeys.join(',')}\r\n`;
  for (const row of rows) yield csvRecord(row, guard);
}

function csvRecord(row: AuditRow, guard: boolean): string {
  return `${auditRowKeys.map((key) => csvCell(row[key], guard)).join(',')}\r\n`;
}

/**
 * The trail as CSV (RFC 4180): a header row of the {@link AuditRow} keys, then one record per
 * row, CRLF line endings, fields quoted only when they must be, null as an empty field. Text is
 * guarded against formula injection unless `formulaGuard: false`, and hidden characters
 * (bidirectional controls such as U+202E, invisible format characters) are shown as `[U+202E]`
 * markers (see {@link csvCell}). For a trail too large to hold as one string, use
 * {@link trailCsvChunks}.
 *
 * @example
 * ```ts
 * writeFileSync('trail.csv', trailToCsv(await queryTrail(ledger, { code: 'DEM1518_02' })));
 * ```
 */
export function trailToCsv(rows: Iterable<AuditRow>, options: TrailCsvOptions = {}): string {
  return [...csvLines(rows, options)].join('');
}

/**
 * The same CSV as {@link trailToCsv}, a line at a time (the header first), from rows that may
 * arrive asynchronously (`streamTrail`): memory holds one row, however long the trail.
 *
 * @example
 * ```ts
 * const out = createWriteStream('trail.csv');
 * for await (const line of trailCsvChunks(await streamTrail(ledger))) out.write(line);
 * ```
 */
export async function* trailCsvChunks(
  rows: AsyncIterable<AuditRow> | Iterable<AuditRow>,
  options: TrailCsvOptions = {},
): AsyncGenerator<string> {
  const guard = options.formulaGuard ?? true;
  yield `${auditRowKeys.join(',')}\r\n`;
  for await (const row of rows) yield csvRecord(row, guard);
}
