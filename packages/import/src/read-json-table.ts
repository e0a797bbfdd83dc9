import { displayValue } from './display-value.js';
import { InputTooLargeError } from './input-too-large-error.js';
import { duplicateJsonKeys } from './json-duplicate-keys.js';
import type { SnapshotProblem } from './snapshot-problem.js';
import type { SnapshotRecord, SnapshotTable } from './snapshot-table.js';
import type { TableColumns } from './table-columns.js';

function fileProblem<C extends string>(file: string, message: string): SnapshotTable<C> {
  return { records: [], problems: [{ file, row: null, column: null, value: null, message }] };
}

/**
 * Reads a JSON array of objects into records keyed by canonical column. Row numbers are
 * 1-based positions in the array. Keys are matched like CSV headers; a missing key is an empty
 * cell; values must be text, numbers or null. A key written twice in one object is a problem
 * (JSON.parse would silently keep the last).
 *
 * The document is parsed whole: it is at most the byte limit, already in memory, and JSON.parse
 * is native and fast; a streaming JSON parser would be a new dependency for no bound that the
 * byte limit does not already give.
 *
 * @throws InputTooLargeError when there are more than `maxRows` data rows.
 */
export function readJsonTable<C extends string>(
  file: string,
  content: string,
  maxRows: number,
  known: TableColumns<C>,
): SnapshotTable<C> {
  let document: unknown;
  const text = content.replace(/^\uFEFF/, '');
  try {
    document = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fileProblem(file, `is not valid JSON: ${displayValue(reason, 300)}`);
  }
  if (!Array.isArray(document))
    return fileProblem(file, `must be a JSON array of objects, one per ${known.rowNoun}`);
  const problems: SnapshotProblem[] = [];
  const records: SnapshotRecord<C>[] = [];
  for (const { index, key } of duplicateJsonKeys(text)) {
    problems.push({
      file,
      row: index + 1,
      column: known.columnOf(key) ?? displayValue(key),
      value: null,
      message: `has the key '${displayValue(key, 60)}' twice in one object (array index ${index}); JSON keeps only the last, so write each key once`,
    });
  }
  document.forEach((element: unknown, index) => {
    const row = index + 1;
    if (element === null || typeof element !== 'object' || Array.isArray(element)) {
      problems.push({
        file,
        row,
        column: null,
        value: null,
        message: 'must be an object with one key per column',
      });
      return;
    }
    const cells = new Map<C, string>();
    const keys = new Map<C, string>();
    // JSON.parse defines `__proto__` as an own key, so Object.keys sees it like any other.
    for (const key of Object.keys(element)) {
      const value: unknown = (element as Record<string, unknown>)[key];
      const column = known.columnOf(key);
      const shown = displayValue(key);
      if (column === undefined) {
        problems.push({
          file,
          row,
          column: shown,
          value: null,
          message: `'${displayValue(key, 60)}' is not a snapshot column`,
        });
        continue;
      }
      if (keys.has(column)) {
        problems.push({
          file,
          row,
          column,
          value: null,
          message: `'${displayValue(key, 60)}' repeats the ${column} column ('${displayValue(keys.get(column)!, 60)}')`,
        });
        continue;
      }
      keys.set(column, key);
      if (value === null || value === undefined) cells.set(column, '');
      else if (typeof value === 'string') cells.set(column, value);
      else if (typeof value === 'number' && Number.isFinite(value)) cells.set(column, String(value));
      else {
        problems.push({
          file,
          row,
          column,
          value: displayValue(JSON.stringify(value) ?? String(value)),
          message: 'must be text, a number or null',
        });
      }
    }
    // Like a blank spreadsheet row, an object with nothing in it is skipped.
    if (keys.size === cells.size && [...cells.values()].every((cell) => cell.trim() === '')) return;
    if (records.length >= maxRows)
      throw new InputTooLargeError(file, 'maxRows', maxRows, records.length + 1, false);
    records.push({ row, cells });
  });
  return { records, problems };
}
