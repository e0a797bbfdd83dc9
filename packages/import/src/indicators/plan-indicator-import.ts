import {
  type BusinessDate,
  type CommandInput,
  type IndicatorState,
  parseIndicatorPeriod,
  previousIndicatorPeriod,
} from '@perfledger/core';
import { displayValue } from '../display-value.js';
import type { SnapshotProblem } from '../snapshot-problem.js';
import type { IndicatorColumn } from './indicator-columns.js';
import { targetOfReading, valueOfReading } from './indicator-reading-values.js';
import type { IndicatorSnapshotRow } from './indicator-snapshot-row.js';
import type { IndicatorValueReading } from './parse-indicator-value.js';

/** What planning reads from the ledger: an indicator's state as now known. */
export interface IndicatorPlanReads {
  readonly getIndicator: (code: string) => Promise<IndicatorState | undefined>;
}

/** What planning needs to know besides the rows and the ledger. */
export interface IndicatorPlanContext {
  readonly file: string;
  /** The file's printable name, for generated reasons and comparator sources. */
  readonly label: string;
  readonly asOf: BusinessDate;
  /** The plan of new indicators whose rows name none. */
  readonly plan: string | undefined;
  /** The status key id of new indicators. */
  readonly statusKey: string;
}

/** One command with the row and column it comes from. */
export interface PlannedIndicatorCommand {
  readonly command: CommandInput;
  readonly row: number;
  readonly column: IndicatorColumn | null;
}

/**
 * Something the import noticed but did not refuse: a `previous` figure that disagrees with the
 * value the ledger (or another row) already holds for that period. The held value is kept.
 */
export interface IndicatorImportNote {
  readonly row: number;
  readonly code: string;
  readonly column: IndicatorColumn;
  readonly message: string;
}

/** The commands an indicator snapshot implies, and the problems that stop it. */
export interface IndicatorImportPlan {
  readonly commands: readonly PlannedIndicatorCommand[];
  readonly problems: readonly SnapshotProblem[];
  readonly notes: readonly IndicatorImportNote[];
  /** Codes of the indicators the import registers. */
  readonly registered: readonly string[];
  /** How many rows' value corrects the value already recorded for its period. */
  readonly corrections: number;
  /** How many `previous` figures are recorded as the previous period's value. */
  readonly previousRecorded: number;
}

const FREQUENCY_OF_KIND = { month: 'monthly', quarter: 'quarterly', year: 'annual' } as const;
const KIND_ORDER = { month: 0, quarter: 1, year: 2 } as const;

type Detail = 'title' | 'plan' | 'directorate' | 'section' | 'owner';
const DETAILS: readonly Detail[] = ['title', 'plan', 'directorate', 'section', 'owner'];

/** The value fields a record or correction compares, as the ledger compares them. */
interface ValueEntry {
  readonly value: IndicatorState['values'][string]['value'];
  readonly quality: string;
  readonly missingReason: string | null;
  readonly footnote: string | null;
}

function sameEntry(a: ValueEntry, b: ValueEntry): boolean {
  return (
    a.value === b.value &&
    a.quality === b.quality &&
    a.missingReason === b.missingReason &&
    a.footnote === b.footnote
  );
}

/**
 * Plans the commands an indicator snapshot implies against what the ledger knows now, row by
 * row, without writing: an unknown code registers the indicator (its title, good-is, unit and
 * plan from its rows, its frequency from the `frequency` cell or else its shortest period); a
 * changed title, plan, directorate, section or owner amends it; each row sets its period's
 * target, records its value (or, when the ledger holds a different one, corrects it, with the
 * row's comment as the reason), reports its status, records its national comparator and its
 * comment. `previous` is recorded as the previous period's value when neither the ledger nor
 * the file has one; when they have a different one it is kept, and a note says so.
 *
 * The ledger decides every command (a repeat of what it knows appends nothing); this only
 * compares, so an unchanged row plans commands the ledger turns into no events.
 *
 * @example
 * ```ts
 * const plan = await planIndicatorImport(rows, { getIndicator: (code) => ledger.getIndicator(code) }, context);
 * if (plan.problems.length === 0) await ledger.executeAll(plan.commands.map((c) => c.command));
 * ```
 */
export async function planIndicatorImport(
  rows: readonly IndicatorSnapshotRow[],
  reads: IndicatorPlanReads,
  context: IndicatorPlanContext,
  onProgress?: (done: number, total: number) => void,
): Promise<IndicatorImportPlan> {
  const commands: PlannedIndicatorCommand[] = [];
  const problems: SnapshotProblem[] = [];
  const notes: IndicatorImportNote[] = [];
  const registered: string[] = [];
  let corrections = 0;
  let previousRecorded = 0;

  const byCode = new Map<string, IndicatorSnapshotRow[]>();
  // Codes are compared ignoring case, as the ledger does: 'bv12' is the indicator 'BV12'.
  for (const row of rows) {
    const list = byCode.get(row.code.toUpperCase());
    if (list === undefined) byCode.set(row.code.toUpperCase(), [row]);
    else list.push(row);
  }

  let done = 0;
  for (const codeRows of byCode.values()) {
    const code = codeRows[0]!.code;
    onProgress?.(done++, byCode.size);
    const state = await reads.getIndicator(code);
    const problem = (row: IndicatorSnapshotRow, column: IndicatorColumn, message: string) => {
      const cell = row.cells.get(column);
      problems.push({
        file: context.file,
        row: row.row,
        column,
        value: cell === undefined ? null : displayValue(cell),
        message,
      });
    };
    const before = problems.length;

    // One indicator, one description: every row that says something must say the same.
    const agreed = <T>(column: IndicatorColumn, of: (row: IndicatorSnapshotRow) => T | null): T | null => {
      let first: { row: IndicatorSnapshotRow; value: T } | undefined;
      for (const row of codeRows) {
        const value = of(row);
        if (value === null) continue;
        if (first === undefined) first = { row, value };
        else if (JSON.stringify(value) !== JSON.stringify(first.value)) {
          problem(
            row,
            column,
            `differs from row ${first.row.row} for '${code}'; one indicator has one ${column}`,
          );
        }
      }
      return first?.value ?? null;
    };
    const title = agreed('title', (row) => row.title);
    const polarity = agreed('good_is', (row) => row.polarity);
    const unit = agreed('unit', (row) => row.unit);
    const frequencyCell = agreed('frequency', (row) => row.frequency);
    const details = {
      title,
      plan: agreed('plan', (row) => row.plan),
      directorate: agreed('directorate', (row) => row.directorate),
      section: agreed('section', (row) => row.section),
      owner: agreed('owner', (row) => row.owner),
    };
    const first = codeRows[0]!;

    if (state === undefined) {
      const plan = details.plan ?? context.plan;
      const shortest = codeRows
        .map((row) => parseIndicatorPeriod(row.period.label).kind)
        .sort((a, b) => KIND_ORDER[a] - KIND_ORDER[b])[0]!;
      const missing = (column: IndicatorColumn, what: string) =>
        problem(first, column, `is empty, and '${code}' is not in the ledger: a new indicator needs ${what}`);
      if (title === null) missing('title', 'a title');
      if (polarity === null) missing('good_is', 'a good is (High or Low)');
      if (unit === null) {
        missing(
          'unit',
          'a unit (percentage, count, money, ratio, days or yes/no) when its figures have no % or £',
        );
      }
      if (plan === undefined) missing('plan', 'a plan (a plan column, or --plan)');
      if (
        problems.length === before &&
        title !== null &&
        polarity !== null &&
        unit !== null &&
        plan !== undefined
      ) {
        commands.push({
          row: first.row,
          column: 'code',
          command: {
            type: 'RegisterIndicator',
            code,
            effectiveOn: context.asOf,
            title,
            unit,
            polarity,
            frequency: frequencyCell ?? FREQUENCY_OF_KIND[shortest],
            plan,
            ...(details.directorate === null ? {} : { directorate: details.directorate }),
            ...(details.section === null ? {} : { section: details.section }),
            ...(details.owner === null ? {} : { owner: details.owner }),
            statusKey: context.statusKey,
          },
        });
        registered.push(code);
      }
    } else {
      // What every value is read in cannot change: a row that says otherwise is refused.
      if (polarity !== null && polarity !== state.polarity) {
        problem(
          first,
          'good_is',
          `says ${polarity} is better, but the ledger has '${code}' as ${state.polarity}`,
        );
      }
      if (unit !== null && unit !== state.unit) {
        problem(first, 'unit', `is ${unit}, but the ledger has '${code}' in ${state.unit}`);
      }
      if (frequencyCell !== null && frequencyCell !== state.frequency) {
        problem(
          first,
          'frequency',
          `is ${frequencyCell}, but the ledger has '${code}' as ${state.frequency}`,
        );
      }
      const changes: Partial<Record<Detail, string>> = {};
      for (const field of DETAILS) {
        const value = details[field];
        if (value !== null && value !== state[field]) changes[field] = value;
      }
      if (Object.keys(changes).length > 0) {
        commands.push({
          row: first.row,
          column: null,
          command: { type: 'AmendIndicator', code, effectiveOn: context.asOf, ...changes },
        });
      }
    }
    if (problems.length > before) continue;

    const periodsInFile = new Map(codeRows.map((row) => [row.period.label, row]));
    for (const row of codeRows) {
      const period = row.period.label;
      const comment = row.comment;
      if (row.target !== null) {
        const current = state?.targets[period];
        commands.push({
          row: row.row,
          column: 'target',
          command: {
            type: 'SetIndicatorTarget',
            code,
            period,
            target: targetOfReading(row.target),
            ...(current === undefined ? {} : { reason: comment ?? generatedReason(context, 'target') }),
          },
        });
      }
      if (row.value !== null) {
        const value = valueOfReading(row.value);
        const entry: ValueEntry = {
          value,
          quality: row.quality ?? (value === null ? 'missing' : 'final'),
          missingReason: value === null ? comment : null,
          footnote: hasFootnote(row.value) ? (comment ?? row.value.footnote) : null,
        };
        const fields = {
          code,
          period,
          value,
          quality: entry.quality as 'provisional' | 'estimated' | 'final' | 'missing',
          ...(entry.missingReason === null ? {} : { missingReason: entry.missingReason }),
          ...(entry.footnote === null ? {} : { footnote: entry.footnote }),
        };
        const current = state?.values[period];
        if (current === undefined) {
          commands.push({
            row: row.row,
            column: 'value',
            command: { type: 'RecordIndicatorValue', ...fields },
          });
        } else if (!sameEntry(current, entry)) {
          corrections += 1;
          commands.push({
            row: row.row,
            column: 'value',
            command: {
              type: 'CorrectIndicatorValue',
              ...fields,
              reason: comment ?? generatedReason(context, 'value'),
            },
          });
        }
      }
      if (row.previous !== null && row.previous.kind !== 'missing') {
        const previous = previousIndicatorPeriod(parseIndicatorPeriod(period));
        if (previous !== undefined) {
          const printed = valueOfReading(row.previous);
          const held = state?.values[previous.label]?.value;
          const inFile = periodsInFile.get(previous.label)?.value;
          const other = inFile !== undefined && inFile !== null ? valueOfReading(inFile) : held;
          if (other === undefined) {
            previousRecorded += 1;
            commands.push({
              row: row.row,
              column: 'previous',
              command: { type: 'RecordIndicatorValue', code, period: previous.label, value: printed },
            });
            periodsInFile.set(previous.label, { ...row, value: row.previous });
          } else if (other !== printed) {
            notes.push({
              row: row.row,
              code,
              column: 'previous',
              message: `previous is ${String(printed)}, but ${previous.label} is ${String(other)} ${inFile === undefined || inFile === null ? 'in the ledger' : 'in this file'}; that value is kept`,
            });
          }
        }
      }
      if (row.status !== null) {
        commands.push({
          row: row.row,
          column: 'status',
          command: { type: 'ReportIndicatorStatus', code, period, status: row.status },
        });
      }
      if (row.national !== null && row.national.kind === 'number') {
        commands.push({
          row: row.row,
          column: 'national',
          command: {
            type: 'RecordIndicatorComparator',
            code,
            period,
            kind: 'national',
            value: row.national.value,
            source: `import:${context.label}`,
          },
        });
      } else if (row.national?.kind === 'yes-no') {
        problem(row, 'national', 'is Yes or No; a comparator is a figure');
      }
      if (comment !== null) {
        commands.push({
          row: row.row,
          column: 'comments',
          command: { type: 'CommentOnIndicator', code, period, text: comment },
        });
      }
    }
  }
  onProgress?.(done, byCode.size);
  return { commands, problems, notes, registered, corrections, previousRecorded };
}

function hasFootnote(
  reading: IndicatorValueReading,
): reading is IndicatorValueReading & { footnote: string } {
  return reading.kind !== 'missing' && reading.footnote !== null;
}

function generatedReason(context: IndicatorPlanContext, what: 'value' | 'target'): string {
  return `The ${what} in ${context.label} (as of ${context.asOf}) differs from the one recorded.`;
}
