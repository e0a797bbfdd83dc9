import { pipeline } from 'node:stream/promises';
import { CsvError, type Options, parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { displayValue } from './display-value.js';
import { InputTooLargeError } from './input-too-large-error.js';
import { normalizeHeader } from './snapshot-columns.js';
import type { SnapshotProblem } from './snapshot-problem.js';
import type { SnapshotRecord, SnapshotTable } from './snapshot-table.js';
import type { TableColumns } from './table-columns.js';

const isBlank = (cell: string | undefined) => cell === undefined || cell.trim() === '';

/**
 * Builds a {@link SnapshotTable} from CSV records handed over one at a time, as the parser
 * finds them, so a file is never held as a whole list of records. The header is the first
 * non-blank record; row numbers are spreadsheet row numbers (header = 1, blank lines counted).
 * Unknown, duplicated and missing columns are problems; blank rows are skipped; a column with
 * an empty header is ignored when all its cells are empty, as spreadsheets often export one.
 */
class CsvTableBuilder<C extends string> {
  readonly #file: string;
  readonly #maxRows: number;
  readonly #known: TableColumns<C>;
  #seen = 0;
  #header: readonly string[] | undefined;
  readonly #columns: (C | undefined)[] = [];
  readonly #problems: SnapshotProblem[] = [];
  readonly #records: SnapshotRecord<C>[] = [];

  constructor(file: string, maxRows: number, known: TableColumns<C>) {
    this.#file = file;
    this.#maxRows = maxRows;
    this.#known = known;
  }

  /** Takes the next record. @throws InputTooLargeError on the first data row past the row limit. */
  add(record: readonly string[]): void {
    this.#seen += 1;
    const row = this.#seen;
    if (record.every(isBlank)) return;
    if (this.#header === undefined) {
      this.#setHeader(record, row);
      return;
    }
    if (this.#records.length >= this.#maxRows) {
      throw new InputTooLargeError(this.#file, 'maxRows', this.#maxRows, this.#records.length + 1, false);
    }
    const header = this.#header;
    const cells = new Map<C, string>();
    let unplaced = 0;
    record.forEach((cell, position) => {
      const column = this.#columns[position];
      if (column !== undefined) cells.set(column, cell);
      else if (!isBlank(cell) && normalizeHeader(header[position] ?? '') === '') unplaced++;
      // Cells under an unknown or repeated header were reported with the header.
    });
    if (unplaced > 0) {
      this.#problems.push({
        file: this.#file,
        row,
        column: null,
        value: null,
        message: `has ${unplaced === 1 ? 'a value' : `${unplaced} values`} in a column without a header`,
      });
    }
    this.#records.push({ row, cells });
  }

  /** The table read so far: every record and problem. */
  finish(): SnapshotTable<C> {
    if (this.#header === undefined) {
      return {
        records: [],
        problems: [
          {
            file: this.#file,
            row: null,
            column: null,
            value: null,
            message: 'is empty; expected a header row',
          },
        ],
      };
    }
    return { records: this.#records, problems: this.#problems };
  }

  #setHeader(header: readonly string[], headerRow: number): void {
    this.#header = header;
    const file = this.#file;
    const seen = new Map<C, string>();
    header.forEach((name, index) => {
      if (normalizeHeader(name) === '') {
        this.#columns.push(undefined);
        return;
      }
      const column = this.#known.columnOf(name);
      this.#columns.push(column);
      const value = displayValue(name);
      if (column === undefined) {
        this.#problems.push({
          file,
          row: headerRow,
          column: value,
          value,
          message: `'${displayValue(name, 60)}' is not a snapshot column (column ${index + 1})`,
        });
      } else if (seen.has(column)) {
        this.#problems.push({
          file,
          row: headerRow,
          column,
          value,
          message: `column ${index + 1} repeats the ${column} column ('${displayValue(seen.get(column)!, 60)}')`,
        });
        this.#columns[index] = undefined;
      } else {
        seen.set(column, name);
      }
    });
    for (const required of this.#known.required) {
      if (!seen.has(required)) {
        this.#problems.push({
          file,
          row: headerRow,
          column: required,
          value: null,
          message: `the ${required} column is missing`,
        });
      }
    }
  }
}

function parserOptions<C extends string>(builder: CsvTableBuilder<C>): Options {
  return {
    // Arrays, never objects keyed by header: a header such as `__proto__` must stay data.
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    // Each record goes straight to the table and is not kept by the parser.
    on_record: (record: string[]) => {
      builder.add(record);
      return null;
    },
  };
}

function isCsvError(error: unknown): error is CsvError {
  return error instanceof CsvError;
}

function notCsv<C extends string>(file: string, error: CsvError): SnapshotTable<C> {
  const line = (error as { lines?: unknown }).lines;
  const where = typeof line === 'number' ? ` at line ${line}` : '';
  const reason = displayValue(error.message, 300);
  return {
    records: [],
    problems: [
      { file, row: null, column: null, value: null, message: `is not valid CSV${where}: ${reason}` },
    ],
  };
}

/**
 * Reads CSV text already in memory into records keyed by canonical column (see
 * {@link CsvTableBuilder} for the rules).
 *
 * @throws InputTooLargeError when there are more than `maxRows` data rows.
 */
export function readCsvTable<C extends string>(
  file: string,
  content: string,
  maxRows: number,
  known: TableColumns<C>,
): SnapshotTable<C> {
  const builder = new CsvTableBuilder(file, maxRows, known);
  try {
    parseSync(content, parserOptions(builder));
  } catch (error) {
    if (isCsvError(error)) return notCsv(file, error);
    throw error;
  }
  return builder.finish();
}

/**
 * Reads CSV bytes as they arrive, with csv-parse's streaming parser, into records keyed by
 * canonical column: memory grows with the rows kept, never with a list of raw records, and
 * reading stops at the first data row past `maxRows`.
 *
 * @throws InputTooLargeError when there are more than `maxRows` data rows, or whatever `chunks` throws.
 */
export async function readCsvStream<C extends string>(
  file: string,
  chunks: AsyncIterable<Buffer>,
  maxRows: number,
  known: TableColumns<C>,
): Promise<SnapshotTable<C>> {
  const builder = new CsvTableBuilder(file, maxRows, known);
  try {
    await pipeline(chunks, parse(parserOptions(builder)), async (records: AsyncIterable<unknown>) => {
      for await (const _ of records) {
        // on_record keeps every record; nothing is pushed
      }
    });
  } catch (error) {
    if (isCsvError(error)) return notCsv(file, error);
    throw error;
  }
  return builder.finish();
}
