import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { UsageError } from '../usage-error.js';
import { XLSX_NUMBER_FORMATS, type XlsxCellKind, type XlsxValue, xlsxCellValue } from './xlsx-cell.js';

/** A column of a workbook sheet: its heading, what it holds, and its width in characters. */
export interface XlsxColumn {
  readonly header: string;
  readonly kind: XlsxCellKind;
  /** Width in characters; by default wide enough for the heading and the kind's values. */
  readonly width?: number;
}

/** One sheet of a workbook: one table, its header row frozen and filterable. */
export interface XlsxSheet {
  /** The sheet's tab name: at most 31 characters, none of `: \ / ? * [ ]`, unique in the workbook. */
  readonly name: string;
  readonly columns: readonly XlsxColumn[];
  /** The rows, each a value per column; may arrive asynchronously (a streamed trail). */
  readonly rows: Iterable<readonly XlsxValue[]> | AsyncIterable<readonly XlsxValue[]>;
}

/** The most data rows one sheet holds: Excel's 1,048,576 rows less the header. */
export const XLSX_MAX_ROWS = 1_048_575;

/** How {@link writeXlsxWorkbook} writes. */
export interface XlsxWorkbookOptions {
  /** The most data rows a sheet may have; {@link XLSX_MAX_ROWS} (and never more) by default. */
  readonly maxRows?: number;
}

const DEFAULT_WIDTHS: Readonly<Record<XlsxCellKind, number>> = {
  text: 14,
  integer: 8,
  percent: 8,
  date: 12,
  datetime: 20,
  boolean: 8,
};
const MAX_WIDTH = 60;
const SHEET_NAME = /^[^:\\/?*[\]]{1,31}$/;

/**
 * Writes sheets to an XLSX workbook (Office Open XML) through exceljs's streaming writer, and
 * returns its bytes for core's `writeOutputFile`. Each row is written and released as it
 * arrives, strings are shared, and only the compressed workbook is held in memory. Every sheet has
 * its header row bold and frozen, an autofilter over its columns, a width per column, and typed
 * cells (see {@link xlsxCellValue}): dates as dates, percentages as fractions with a % format,
 * counts as numbers, text as text that is never a formula.
 *
 * @throws UsageError when a sheet has more rows than Excel holds ({@link XLSX_MAX_ROWS}), or than
 *   `options.maxRows`.
 * @example
 * ```ts
 * const bytes = await writeXlsxWorkbook([
 *   { name: 'Actions', columns: [{ header: 'Action', kind: 'text' }, { header: 'Due', kind: 'date' }], rows: [['DEM1', '2020-03-31']] },
 * ]);
 * ```
 */
export async function writeXlsxWorkbook(
  sheets: Iterable<XlsxSheet>,
  options: XlsxWorkbookOptions = {},
): Promise<Buffer> {
  const maxRows = Math.min(options.maxRows ?? XLSX_MAX_ROWS, XLSX_MAX_ROWS);
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const finished = new Promise<void>((resolve, reject) => {
    sink.on('finish', resolve);
    sink.on('error', reject);
  });
  // A fixed creation time keeps the workbook's metadata free of the wall clock.
  const epoch = new Date(0);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = 'perfledger';
  workbook.created = epoch;
  workbook.modified = epoch;
  const names = new Set<string>();
  for (const sheet of sheets) {
    if (!SHEET_NAME.test(sheet.name) || names.has(sheet.name.toLowerCase())) {
      throw new Error(`Invalid or repeated sheet name '${sheet.name}'.`);
    }
    names.add(sheet.name.toLowerCase());
    await writeSheet(workbook, sheet, maxRows);
  }
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}

async function writeSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: XlsxSheet,
  maxRows: number,
): Promise<void> {
  const last = sheet.columns.length;
  const worksheet = workbook.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, activeCell: 'A2' }],
    ...(last === 0 ? {} : { autoFilter: { from: { row: 1, column: 1 }, to: { row: 1, column: last } } }),
  });
  worksheet.columns = sheet.columns.map((column) => {
    const numFmt = XLSX_NUMBER_FORMATS[column.kind];
    return {
      header: column.header,
      width:
        column.width ?? Math.min(MAX_WIDTH, Math.max(DEFAULT_WIDTHS[column.kind], column.header.length + 4)),
      ...(numFmt === undefined ? {} : { style: { numFmt } }),
    };
  });
  const header = worksheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  let count = 0;
  for await (const values of sheet.rows) {
    count += 1;
    if (count > maxRows) {
      throw new UsageError(
        `The '${sheet.name}' sheet would have more than ${maxRows.toLocaleString('en-GB')} rows, the most ${maxRows === XLSX_MAX_ROWS ? 'a spreadsheet holds' : 'allowed'}. Nothing was written; narrow the selection, or use --format csv.`,
      );
    }
    const row = worksheet.addRow(sheet.columns.map((column, i) => xlsxCellValue(column.kind, values[i])));
    row.commit();
  }
  worksheet.commit();
}
