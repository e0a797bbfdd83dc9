import { actionCodeKey, type BusinessDate } from '@perfledger/core';
import {
  actionCodeSchema,
  addCommentSchema,
  changeStatusSchema,
  registerActionSchema,
} from '@perfledger/core/schemas';
import { displayValue } from './display-value.js';
import { InputTooLargeError } from './input-too-large-error.js';
import { parsePercent } from './parse-percent.js';
import { parseDueDate } from './parse-period-date.js';
import { type ParseResult, parsed } from './parse-result.js';
import { parseStage, type SnapshotStage } from './parse-stage.js';
import { readCsvTable } from './read-csv-table.js';
import { readJsonTable } from './read-json-table.js';
import type { SnapshotColumn } from './snapshot-columns.js';
import { type SnapshotLimits, snapshotLimitsOf } from './snapshot-limits.js';
import type { SnapshotProblem } from './snapshot-problem.js';
import type { SnapshotTable } from './snapshot-table.js';
import { SNAPSHOT_TABLE_COLUMNS } from './table-columns.js';

/** The two snapshot formats. */
export type SnapshotFormat = 'csv' | 'json';

/** A snapshot already in memory: its name (for messages), its text and its format. */
export interface SnapshotInput {
  readonly name: string;
  readonly content: string;
  readonly format: SnapshotFormat;
}

/**
 * One row of a snapshot with every cell read and checked. A `null` field is an empty cell: the
 * row says nothing about it. Status words are kept as written, because which words are valid
 * depends on the action's status key, which only the ledger knows.
 */
export interface SnapshotRow {
  readonly row: number;
  readonly code: string;
  readonly title: string | null;
  readonly description: string | null;
  readonly directorate: string | null;
  readonly section: string | null;
  readonly plan: string | null;
  readonly owner: string | null;
  /** Null when the cell is empty: the action's open or closed state is left as it is. */
  readonly stage: SnapshotStage | null;
  readonly dueDate: BusinessDate | null;
  /** The officer's words when the due date was given by period ("Q4 2019/20"); null for a day. */
  readonly dueDateText: string | null;
  /** The period the due date was read as ("2019/20 Q4"), when given by period; null otherwise. */
  readonly duePeriod: string | null;
  readonly percentComplete: number | null;
  readonly status: string | null;
  readonly comment: string | null;
  /** The cells as written, for reporting problems found later. */
  readonly cells: ReadonlyMap<SnapshotColumn, string>;
}

/** A snapshot read from text: the rows that could be read, and every problem found. */
export interface ParsedSnapshot {
  readonly file: string;
  readonly format: SnapshotFormat;
  readonly rows: readonly SnapshotRow[];
  readonly problems: readonly SnapshotProblem[];
}

type TextField =
  | 'title'
  | 'description'
  | 'directorate'
  | 'section'
  | 'plan'
  | 'owner'
  | 'status'
  | 'comments';

// The limits are core's own schemas, so a cell accepted here is never refused by the ledger.
const TEXT_SCHEMAS = {
  title: registerActionSchema.shape.title,
  description: registerActionSchema.shape.description,
  directorate: registerActionSchema.shape.directorate,
  section: registerActionSchema.shape.section,
  plan: registerActionSchema.shape.plan,
  owner: registerActionSchema.shape.owner,
  status: changeStatusSchema.shape.status,
  comments: addCommentSchema.shape.comment,
} as const;

/**
 * Reads a snapshot (CSV with a header row, or a JSON array of objects) into checked rows,
 * collecting every problem with its file, row, column and value instead of stopping at the
 * first. Writes nothing and needs no ledger.
 *
 * Headers are matched with {@link normalizeHeader}; dates with {@link parseUkDate};
 * percentages with {@link parsePercent}; stages with {@link parseStage}. Text cells are
 * trimmed (line breaks inside them kept, as `\n`) and must fit core's limits, with no control
 * characters. A code may appear once per file, compared ignoring case (`DC02` and `dc02` are
 * one action).
 *
 * The content must be within `limits` ({@link DEFAULT_SNAPSHOT_LIMITS} by default).
 *
 * @throws InputTooLargeError when the content is over `limits.maxBytes` (as UTF-8) or has more than `limits.maxRows` data rows.
 * @example
 * ```ts
 * const snapshot = parseSnapshot({ name: 'q2.csv', format: 'csv', content: 'code,title,...\nFP1922_02,...' });
 * for (const p of snapshot.problems) console.log(p.row, p.column, p.message);
 * ```
 */
export function parseSnapshot(
  input: SnapshotInput,
  limits: Partial<SnapshotLimits> = {},
  options: SnapshotReadOptions = {},
): ParsedSnapshot {
  const { maxBytes, maxRows } = snapshotLimitsOf(limits);
  const { name: file, content, format } = input;
  const size = Buffer.byteLength(content);
  if (size > maxBytes) throw new InputTooLargeError(file, 'maxBytes', maxBytes, size, true);
  const table =
    format === 'json'
      ? readJsonTable(file, content, maxRows, SNAPSHOT_TABLE_COLUMNS)
      : readCsvTable(file, content, maxRows, SNAPSHOT_TABLE_COLUMNS);
  return checkSnapshotTable(file, format, table, options);
}

/**
 * What reading a snapshot's cells may depend on.
 *
 * @example
 * ```ts
 * const options: SnapshotReadOptions = { asOf: '2019-09-30' }; // "Q4" is then 31 March 2020
 * ```
 */
export interface SnapshotReadOptions {
  /**
   * The snapshot's date. A due date given as a quarter without a year ("Q4") is a quarter of
   * this date's financial year; without it, such a cell is refused.
   */
  readonly asOf?: BusinessDate;
}

/**
 * Reads and checks every cell of a table a format reader produced: the second half of
 * {@link parseSnapshot}, shared with the streaming file reader.
 */
export function checkSnapshotTable(
  file: string,
  format: SnapshotFormat,
  table: SnapshotTable,
  options: SnapshotReadOptions = {},
): ParsedSnapshot {
  const problems: SnapshotProblem[] = [...table.problems];
  const rows: SnapshotRow[] = [];
  const firstRowOf = new Map<string, { readonly row: number; readonly code: string }>();

  for (const { row, cells } of table.records) {
    let ok = true;
    const problem = (column: SnapshotColumn, message: string) => {
      const cell = cells.get(column);
      problems.push({ file, row, column, value: cell === undefined ? null : displayValue(cell), message });
      ok = false;
    };
    const text = (column: TextField): string | null => {
      const cell = (cells.get(column) ?? '').replace(/\r\n?/g, '\n').trim();
      if (cell === '') return null;
      const result = TEXT_SCHEMAS[column].safeParse(cell);
      if (result.success) return cell;
      problem(column, result.error.issues.map((issue) => issue.message).join('; '));
      return null;
    };

    const rawCode = (cells.get('code') ?? '').trim();
    let code = rawCode;
    if (rawCode === '') problem('code', 'is empty; every row needs an action code');
    else {
      const result = actionCodeSchema.safeParse(rawCode);
      if (!result.success) problem('code', result.error.issues.map((issue) => issue.message).join('; '));
      else {
        code = result.data;
        const first = firstRowOf.get(actionCodeKey(code));
        if (first === undefined) firstRowOf.set(actionCodeKey(code), { row, code });
        else if (first.code === code) problem('code', `'${code}' already appears on row ${first.row}`);
        else {
          problem(
            'code',
            `'${code}' is the code '${first.code}' of row ${first.row} (codes are compared ignoring case); write each action once`,
          );
        }
      }
    }

    const stageCell = cells.get('stage') ?? '';
    // An empty stage says nothing: it must not reopen a closed action (an export with a blank
    // stage column would otherwise reopen everything).
    const stage: ParseResult<SnapshotStage | null> =
      stageCell.trim() === '' ? parsed(null) : parseStage(stageCell);
    if (!stage.ok) problem('stage', stage.message);
    let dueDate: BusinessDate | null = null;
    let dueDateText: string | null = null;
    let duePeriod: string | null = null;
    const dueCell = cells.get('due_date') ?? '';
    if (dueCell.trim() !== '') {
      // A day, or a period ("Q4 2019/20") read as its last day with the officer's words kept.
      const result = parseDueDate(dueCell, options.asOf === undefined ? {} : { asOf: options.asOf });
      if (!result.ok) problem('due_date', result.message);
      else {
        dueDate = result.value.date;
        dueDateText = result.value.text;
        duePeriod = result.value.period;
      }
    }
    let percentComplete: number | null = null;
    const percentCell = cells.get('percent_complete') ?? '';
    if (percentCell.trim() !== '') {
      const result = parsePercent(percentCell);
      if (result.ok) percentComplete = result.value;
      else problem('percent_complete', result.message);
    }
    const values = {
      title: text('title'),
      description: text('description'),
      directorate: text('directorate'),
      section: text('section'),
      plan: text('plan'),
      owner: text('owner'),
      status: text('status'),
      comment: text('comments'),
    };
    if (!ok || !stage.ok) continue;
    rows.push({
      row,
      code,
      stage: stage.value,
      dueDate,
      dueDateText,
      duePeriod,
      percentComplete,
      ...values,
      cells,
    });
  }
  return { file, format, rows, problems };
}
