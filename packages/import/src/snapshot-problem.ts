/**
 * One thing wrong with a snapshot, located as a spreadsheet user would look for it.
 *
 * `row` follows the spreadsheet: for CSV the header is row 1 and the first data row is row 2
 * (blank lines count, a quoted cell spanning lines is one row), so it is also the line number
 * unless a cell holds a line break. For JSON it is the 1-based position in the array. It is
 * null for a problem with the whole file (unreadable, not CSV, a missing column).
 *
 * @example
 * ```ts
 * const problem: SnapshotProblem = { file: 'q2.csv', row: 14, column: 'due_date', value: '31-Apr-2020', message: "'31-Apr-2020' is not a real date: April 2020 has 30 days" };
 * ```
 */
export interface SnapshotProblem {
  readonly file: string;
  readonly row: number | null;
  /** The canonical column name (`due_date`), or the header as written when it is not a known column. */
  readonly column: string | null;
  /** The cell as written: at most 200 characters, control characters shown as `\uXXXX`. */
  readonly value: string | null;
  readonly message: string;
}
