import type { BusinessDate } from '@perfledger/core';
import {
  actionCodeSchema,
  commentOnIndicatorSchema,
  registerIndicatorSchema,
  reportIndicatorStatusSchema,
} from '@perfledger/core/schemas';
import { displayValue } from '../display-value.js';
import { InputTooLargeError } from '../input-too-large-error.js';
import type { ParseResult } from '../parse-result.js';
import type { SnapshotFormat, SnapshotInput } from '../parse-snapshot.js';
import { readCsvTable } from '../read-csv-table.js';
import { readJsonTable } from '../read-json-table.js';
import { type SnapshotLimits, snapshotLimitsOf } from '../snapshot-limits.js';
import type { SnapshotProblem } from '../snapshot-problem.js';
import type { SnapshotTable } from '../snapshot-table.js';
import { INDICATOR_TABLE_COLUMNS, type IndicatorColumn } from './indicator-columns.js';
import type { IndicatorSnapshotRow } from './indicator-snapshot-row.js';
import { parseIndicatorPeriodCell } from './parse-indicator-period.js';
import { parseIndicatorPolarity, parseIndicatorTarget } from './parse-indicator-target.js';
import { type IndicatorValueReading, parseIndicatorValue } from './parse-indicator-value.js';
import {
  type IndicatorUnitReading,
  parseIndicatorFrequency,
  parseIndicatorQuality,
  parseIndicatorUnit,
} from './parse-indicator-words.js';

/**
 * An indicator snapshot read from text: the rows that could be read, and every problem found.
 *
 * @example
 * ```ts
 * const snapshot: ParsedIndicatorSnapshot = parseIndicatorSnapshot({ name: 'q1.csv', format: 'csv', content });
 * snapshot.problems.length; // 0
 * ```
 */
export interface ParsedIndicatorSnapshot {
  readonly file: string;
  readonly format: SnapshotFormat;
  readonly rows: readonly IndicatorSnapshotRow[];
  readonly problems: readonly SnapshotProblem[];
}

type TextField = 'title' | 'directorate' | 'section' | 'plan' | 'owner' | 'status' | 'comments';

// The limits are core's own schemas, so a cell accepted here is never refused by the ledger.
const TEXT_SCHEMAS = {
  title: registerIndicatorSchema.shape.title,
  directorate: registerIndicatorSchema.shape.directorate,
  section: registerIndicatorSchema.shape.section,
  plan: registerIndicatorSchema.shape.plan,
  owner: registerIndicatorSchema.shape.owner,
  status: reportIndicatorStatusSchema.shape.status,
  comments: commentOnIndicatorSchema.shape.text,
} as const;

/** The unit a printed figure implies: `%` a percentage, `£` money, Yes/No a yes/no measure. */
function impliedUnit(reading: IndicatorValueReading | null): IndicatorUnitReading | null {
  if (reading === null || reading.kind === 'missing') return null;
  if (reading.kind === 'yes-no') return 'yesno';
  return reading.mark === 'percentage' ? 'percentage' : reading.mark === 'money' ? 'money' : null;
}

/**
 * Reads an indicator snapshot (CSV with a header row, or a JSON array of objects), one row per
 * indicator and period, into checked rows, collecting every problem with its file, row, column
 * and value instead of stopping at the first. Writes nothing and needs no ledger. The readers,
 * limits and problems are the action snapshot's ({@link parseSnapshot}).
 *
 * Values with {@link parseIndicatorValue}, targets with {@link parseIndicatorTarget}, "good
 * is" with {@link parseIndicatorPolarity}, periods with {@link parseIndicatorPeriodCell}. A row's
 * figures must agree on their unit (a `%` value with a `£` target is refused), and with the
 * `unit` cell when there is one. An indicator may appear once per period (codes compared
 * ignoring case).
 *
 * @throws InputTooLargeError when the content is over `limits.maxBytes` (as UTF-8) or has more than `limits.maxRows` data rows.
 * @example
 * ```ts
 * const snapshot = parseIndicatorSnapshot({ name: 'q1.csv', format: 'csv', content: 'code,title,period,value,target,good_is,previous,national,status,comments\nBV12,Sickness,2019/20 Q1,9.3*,7.5,Low,8.7,,Red,*July 2019 figure' });
 * snapshot.rows[0]?.value; // { kind: 'number', value: 9.3, mark: null, scale: '', decimals: 1, footnote: '*' }
 * ```
 */
export function parseIndicatorSnapshot(
  input: SnapshotInput,
  limits: Partial<SnapshotLimits> = {},
  options: { readonly asOf?: BusinessDate } = {},
): ParsedIndicatorSnapshot {
  const { maxBytes, maxRows } = snapshotLimitsOf(limits);
  const { name: file, content, format } = input;
  const size = Buffer.byteLength(content);
  if (size > maxBytes) throw new InputTooLargeError(file, 'maxBytes', maxBytes, size, true);
  const table =
    format === 'json'
      ? readJsonTable(file, content, maxRows, INDICATOR_TABLE_COLUMNS)
      : readCsvTable(file, content, maxRows, INDICATOR_TABLE_COLUMNS);
  return checkIndicatorTable(file, format, table, options);
}

/**
 * Reads and checks every cell of an indicator table a format reader produced: the second half
 * of {@link parseIndicatorSnapshot}, shared with the file importer.
 *
 * @example
 * ```ts
 * const parsed = checkIndicatorTable('q1.csv', 'csv', table, { asOf: '2019-06-30' as BusinessDate });
 * ```
 */
export function checkIndicatorTable(
  file: string,
  format: SnapshotFormat,
  table: SnapshotTable<IndicatorColumn>,
  options: { readonly asOf?: BusinessDate } = {},
): ParsedIndicatorSnapshot {
  const problems: SnapshotProblem[] = [...table.problems];
  const rows: IndicatorSnapshotRow[] = [];
  const firstRowOf = new Map<string, { readonly row: number; readonly code: string }>();

  for (const { row, cells } of table.records) {
    let ok = true;
    const problem = (column: IndicatorColumn, message: string) => {
      const cell = cells.get(column);
      problems.push({ file, row, column, value: cell === undefined ? null : displayValue(cell), message });
      ok = false;
    };
    const textOf = (column: TextField): string | null => {
      const cell = (cells.get(column) ?? '').replace(/\r\n?/g, '\n').trim();
      if (cell === '') return null;
      const result = TEXT_SCHEMAS[column].safeParse(cell);
      if (result.success) return cell;
      problem(column, result.error.issues.map((issue) => issue.message).join('; '));
      return null;
    };
    const read = <T>(column: IndicatorColumn, parse: (text: string) => ParseResult<T>): T | null => {
      const cell = cells.get(column) ?? '';
      if (cell.trim() === '') return null;
      const result = parse(cell);
      if (result.ok) return result.value;
      problem(column, result.message);
      return null;
    };

    const code = readCode(cells.get('code') ?? '', (message) => problem('code', message));
    const periodCell = cells.get('period') ?? '';
    const period = parseIndicatorPeriodCell(periodCell, options);
    if (!period.ok) problem('period', period.message);
    if (code !== null && period.ok) {
      const key = `${code.toUpperCase()}\u0000${period.value.label}`;
      const first = firstRowOf.get(key);
      if (first === undefined) firstRowOf.set(key, { row, code });
      else {
        problem(
          'code',
          `'${code}' for ${period.value.label} already appears on row ${first.row}${first.code === code ? '' : ` (as '${first.code}'; codes are compared ignoring case)`}; write each indicator once per period`,
        );
      }
    }
    const value = read('value', parseIndicatorValue);
    const target = read('target', parseIndicatorTarget);
    const previous = read('previous', parseIndicatorValue);
    const national = read('national', parseIndicatorValue);
    const polarity = read('good_is', parseIndicatorPolarity);
    const unitCell = read('unit', parseIndicatorUnit);
    const frequency = read('frequency', parseIndicatorFrequency);
    const quality = read('quality', parseIndicatorQuality);
    const texts = {
      title: textOf('title'),
      directorate: textOf('directorate'),
      section: textOf('section'),
      plan: textOf('plan'),
      owner: textOf('owner'),
      status: textOf('status'),
      comment: textOf('comments'),
    };

    // One unit per row: the unit cell, and what each figure's mark implies, must agree.
    const figures: [IndicatorColumn, IndicatorValueReading | null][] = [
      ['value', value],
      ['target', target?.kind === 'direction' ? null : target],
      ['previous', previous],
      ['national', national],
    ];
    let unit = unitCell;
    let unitFrom: IndicatorColumn | null = unitCell === null ? null : 'unit';
    for (const [column, reading] of figures) {
      const implied = impliedUnit(reading);
      if (implied === null) continue;
      if (
        reading?.kind === 'number' &&
        unit !== null &&
        unit !== 'percentage' &&
        unit !== 'money' &&
        unit !== 'yesno'
      ) {
        // A plain unit (count, days, ratio) takes no mark: '95%' is not a number of days.
        problem(
          column,
          `is printed as ${implied === 'percentage' ? 'a percentage' : 'money'}, but the ${unitFrom} is ${unit}`,
        );
        continue;
      }
      if (unit === null) {
        unit = implied;
        unitFrom = column;
      } else if (unit !== implied) {
        problem(
          column,
          `is printed as ${implied === 'yesno' ? 'Yes or No' : implied}, but the ${unitFrom} is ${unit === 'yesno' ? 'yes/no' : unit}; one indicator has one unit`,
        );
      }
    }
    if (unit === 'yesno') {
      // A marked figure was refused above; a plain one is refused here.
      for (const [column, reading] of figures) {
        if (reading?.kind === 'number' && reading.mark === null) {
          problem(column, `is a figure, but the ${unitFrom} is yes/no`);
        }
      }
    }
    if (quality === 'missing' && value !== null && value.kind !== 'missing') {
      problem('quality', `says missing, but the value is ${displayValue(cells.get('value') ?? '', 60)}`);
    } else if (quality !== null && quality !== 'missing' && value?.kind === 'missing') {
      problem('quality', `says ${quality}, but the value is missing ('${value.marker}')`);
    } else if (quality !== null && value === null) {
      problem('quality', 'is given for an empty value; a quality describes a value');
    }

    if (!ok || code === null || !period.ok) continue;
    rows.push({
      row,
      code,
      period: period.value,
      value,
      target,
      polarity,
      previous,
      national,
      unit,
      frequency,
      quality,
      ...texts,
      cells,
    });
  }
  return { file, format, rows, problems };
}

function readCode(cell: string, problem: (message: string) => void): string | null {
  const raw = cell.trim();
  if (raw === '') {
    problem('is empty; every row needs an indicator code');
    return null;
  }
  // Core's one code rule, so a code read here is never refused by the ledger.
  const result = actionCodeSchema.safeParse(raw);
  if (!result.success) {
    problem(result.error.issues.map((issue) => issue.message).join('; '));
    return null;
  }
  return result.data;
}
