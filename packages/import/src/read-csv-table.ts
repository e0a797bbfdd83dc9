import { parse } from 'csv-parse/sync';
import { displayValue } from './display-value.js';
import {
  normalizeHeader,
  REQUIRED_SNAPSHOT_COLUMNS,
  type SnapshotColumn,
  snapshotColumnOf,
} from './snapshot-columns.js';
import type { SnapshotProblem } from './snapshot-problem.js';
import type { SnapshotRecord, SnapshotTable } from './snapshot-table.js';

const isBlank = (cell: string | undefined) => cell === undefined || cell.trim() === '';

function csvRecords(file: string, content: string): string[][] | SnapshotProblem {
  try {
    // Arrays, never objects keyed by header: a header such as `__proto__` must stay data.
    return parse(content, {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    const where = typeof line === 'number' ? ` at line ${line}` : '';
    const reason = displayValue(error instanceof Error ? error.message : String(error), 300);
    return { file, row: null, column: null, value: null, message: `is not valid CSV${where}: ${reason}` };
  }
}

/**
 * Reads CSV text into records keyed by canonical column. The header is the first non-blank
 * row; row numbers are spreadsheet row numbers (header = 1, blank lines counted). Unknown,
 * duplicated and missing columns are problems; blank rows are skipped; a column with an empty
 * header is ignored when all its cells are empty, as spreadsheets often export one.
 */
export function readCsvTable(file: string, content: string): SnapshotTable {
  const records = csvRecords(file, content);
  if (!Array.isArray(records)) return { records: [], problems: [records] };
  const problems: SnapshotProblem[] = [];
  const headerIndex = records.findIndex((record) => !record.every(isBlank));
  const header = records[headerIndex];
  if (header === undefined) {
    return {
      records: [],
      problems: [{ file, row: null, column: null, value: null, message: 'is empty; expected a header row' }],
    };
  }
  const headerRow = headerIndex + 1;
  const columns: (SnapshotColumn | undefined)[] = [];
  const seen = new Map<SnapshotColumn, string>();
  header.forEach((name, index) => {
    if (normalizeHeader(name) === '') {
      columns.push(undefined);
      return;
    }
    const column = snapshotColumnOf(name);
    columns.push(column);
    const value = displayValue(name);
    if (column === undefined) {
      problems.push({
        file,
        row: headerRow,
        column: value,
        value,
        message: `'${displayValue(name, 60)}' is not a snapshot column (column ${index + 1})`,
      });
    } else if (seen.has(column)) {
      problems.push({
        file,
        row: headerRow,
        column,
        value,
        message: `column ${index + 1} repeats the ${column} column ('${displayValue(seen.get(column)!, 60)}')`,
      });
      columns[index] = undefined;
    } else {
      seen.set(column, name);
    }
  });
  for (const required of REQUIRED_SNAPSHOT_COLUMNS) {
    if (!seen.has(required)) {
      problems.push({
        file,
        row: headerRow,
        column: required,
        value: null,
        message: `the ${required} column is missing`,
      });
    }
  }

  const out: SnapshotRecord[] = [];
  for (let index = headerIndex + 1; index < records.length; index++) {
    const record = records[index]!;
    if (record.every(isBlank)) continue;
    const row = index + 1;
    const cells = new Map<SnapshotColumn, string>();
    let unplaced = 0;
    record.forEach((cell, position) => {
      const column = columns[position];
      if (column !== undefined) cells.set(column, cell);
      else if (!isBlank(cell) && normalizeHeader(header[position] ?? '') === '') unplaced++;
      // Cells under an unknown or repeated header were reported with the header.
    });
    if (unplaced > 0) {
      problems.push({
        file,
        row,
        column: null,
        value: null,
        message: `has ${unplaced === 1 ? 'a value' : `${unplaced} values`} in a column without a header`,
      });
    }
    out.push({ row, cells });
  }
  return { records: out, problems };
}
