import {
  type BusinessDate,
  type CommandInput,
  foldAction,
  LedgerError,
  type TimelineEvent,
  ukFiscalCalendar,
} from '@perfledger/core';
import { type DatedCommand, decideOnTimeline, latestStatement } from '@perfledger/core/decide';
import { commandSchema } from '@perfledger/core/schemas';
import { type DiffContext, diffRow, type PlannedCommand } from './diff-row.js';
import { displayValue } from './display-value.js';
import type { SnapshotRow } from './parse-snapshot.js';
import type { SnapshotColumn } from './snapshot-columns.js';
import type { SnapshotProblem } from './snapshot-problem.js';

/** Everything an import will ask the ledger to do, found before anything is written. */
export interface ImportPlan {
  readonly commands: readonly CommandInput[];
  /** Every problem in every row; when there is one, nothing may be written. */
  readonly problems: readonly SnapshotProblem[];
  readonly actionsRegistered: number;
  /** The row of each action code (as registered) the snapshot lists, for naming the row of a refusal. */
  readonly rowOfCode: ReadonlyMap<string, number>;
  /** Rows whose code was written in another case than the action it matched (`dc02` for `DC02`). */
  readonly codesMatched: readonly CodeMatch[];
  /** The quarter the snapshot is the return of, when its date ends a quarter; else null. */
  readonly returnQuarter: ReturnQuarter | null;
  /** The codes (as registered) that already had a statement for that quarter: a new one corrects it. */
  readonly statedBefore: ReadonlySet<string>;
}

/**
 * A quarter a return is for: the financial year's label and the quarter number.
 *
 * @example
 * ```ts
 * const q1: ReturnQuarter = { fy: '2019/20', quarter: 1 };
 * ```
 */
export interface ReturnQuarter {
  readonly fy: string;
  readonly quarter: 1 | 2 | 3 | 4;
}

/**
 * The quarter a snapshot dated `asOf` is the return of: the April-start (UK) quarter that ends
 * on `asOf`, or null when `asOf` ends no quarter (a mid-quarter snapshot records no return).
 *
 * @example
 * ```ts
 * returnQuarterOf('2019-09-30' as BusinessDate); // { fy: '2019/20', quarter: 2 }
 * ```
 */
export function returnQuarterOf(asOf: BusinessDate): ReturnQuarter | null {
  const quarter = ukFiscalCalendar.quarterOf(asOf);
  return quarter.end === asOf ? { fy: quarter.fy.label, quarter: quarter.quarter } : null;
}

/** What the row's return stated, as the command that records it (blank cells stay blank). */
function statementOf(
  row: SnapshotRow,
  code: string,
  asOf: BusinessDate,
  quarter: ReturnQuarter,
): PlannedCommand {
  const written = row.cells.get('due_date')?.trim();
  const dueDateText =
    row.dueDateText ??
    (row.dueDate !== null && written !== undefined && written !== row.dueDate && written.length <= 200
      ? written
      : null);
  return {
    column: 'code',
    command: {
      type: 'RecordReturn',
      code,
      effectiveOn: asOf,
      fy: quarter.fy,
      quarter: quarter.quarter,
      status: row.status,
      percentComplete: row.percentComplete,
      dueDate: row.dueDate,
      dueDateText,
      comment: row.comment,
    },
  };
}

/** What planning reads from the ledger; inside a transaction, both see the same state. */
export interface PlanReads {
  /** An action's events in stream order (none when it does not exist). */
  readonly readHistory: (code: string) => Promise<readonly TimelineEvent[]>;
  /** The registered code equal to `code` ignoring case, or undefined. */
  readonly resolveCode: (code: string) => Promise<string | undefined>;
  /**
   * The status keys the plan's registered actions use (latest), so that a new action joins its
   * plan with the plan's key when none was given. Omitted: the context's key always applies.
   */
  readonly statusKeysOfPlan?: (plan: string) => Promise<readonly string[]>;
}

/** How to plan. */
export interface PlanOptions {
  /** Called after each row has been compared. */
  readonly onRow?: ((done: number, total: number) => void) | undefined;
  /**
   * Also decide every command with core's decider, so that a rule a command would break is
   * reported with its row and column, every row's at once. Off for the append itself, where
   * the ledger's `executeAll` decides (once); on to explain a refusal, or to report every
   * problem of a file that is refused anyway.
   */
  readonly decide?: boolean;
}

/** A row whose code matched an existing action's code ignoring case. */
export interface CodeMatch {
  readonly row: number;
  /** The code as the row wrote it. */
  readonly written: string;
  /** The code of the action the row updates, as registered. */
  readonly code: string;
}

/**
 * Plans a whole snapshot: compares each row with its action's history ({@link diffRow}) and
 * validates the commands with core's schemas, so that a problem is reported with its row and
 * column, and every row's problems are collected before anything is written. With `decide`,
 * the commands are also decided with core's own pure decider, to report a rule a command would
 * break with its row and column.
 *
 * `reads.resolveCode` gives the registered code equal to a row's code ignoring case, so that a
 * row written `dc02` updates the action `DC02`. Call this inside the write transaction that
 * appends the result, so that the codes and histories cannot change in between.
 *
 * @example
 * ```ts
 * const plan = await planImport(parsed.rows, { readHistory: (code) => ledger.readAction(code), resolveCode: (code) => ledger.resolveActionCode(code) }, context);
 * if (plan.problems.length === 0) await ledger.executeAll(plan.commands, metadata);
 * ```
 */
export async function planImport(
  rows: readonly SnapshotRow[],
  reads: PlanReads,
  context: DiffContext,
  options: PlanOptions = {},
): Promise<ImportPlan> {
  const commands: CommandInput[] = [];
  const problems: SnapshotProblem[] = [];
  const rowOfCode = new Map<string, number>();
  let actionsRegistered = 0;
  const codesMatched: CodeMatch[] = [];
  // A plan's status key, once known: from its registered actions, or from this file's new ones.
  const keyOfPlan = new Map<string, readonly string[]>();
  const rowContext = async (row: SnapshotRow, exists: boolean): Promise<DiffContext | string> => {
    const given = context.statusKeySource === undefined || context.statusKeySource.kind === 'option';
    const plan = row.plan ?? context.plan;
    if (given || exists || plan === undefined || reads.statusKeysOfPlan === undefined) return context;
    let keys = keyOfPlan.get(plan);
    if (keys === undefined) {
      keys = [...new Set(await reads.statusKeysOfPlan(plan))].sort();
      keyOfPlan.set(plan, keys);
    }
    if (keys.length === 0) return context;
    if (keys.length > 1) {
      return `plan '${plan}' has actions with status keys ${keys.map((k) => `'${k}'`).join(' and ')}; give the key of new actions (--status-key, option statusKey)`;
    }
    const key = context.statusKeys.get(keys[0]!);
    if (key === undefined) {
      return `plan '${plan}' uses status key '${keys[0]}', which this ledger was not opened with`;
    }
    return { ...context, statusKey: key, statusKeySource: { kind: 'plan', plan } };
  };
  const returnQuarter = returnQuarterOf(context.asOf);
  const statedBefore = new Set<string>();

  for (const [index, written] of rows.entries()) {
    const registered = await reads.resolveCode(written.code);
    const row =
      registered === undefined || registered === written.code ? written : { ...written, code: registered };
    if (row !== written) codesMatched.push({ row: row.row, written: written.code, code: row.code });
    const history = [...(await reads.readHistory(row.code))];
    const latest = foldAction(history);
    const keyed = await rowContext(row, latest !== undefined);
    const diff =
      typeof keyed === 'string'
        ? {
            commands: [],
            problems: [
              {
                file: context.file,
                row: row.row,
                column: 'status' as const,
                value: row.cells.has('status') ? displayValue(row.cells.get('status')!) : null,
                message: keyed,
              },
            ],
          }
        : diffRow(row, foldAction(history, context.asOf), latest, keyed);
    // A quarter-end snapshot is that quarter's return: every row is a statement, changed or not.
    const planned: readonly PlannedCommand[] =
      returnQuarter === null || diff.problems.length > 0
        ? diff.commands
        : [...diff.commands, statementOf(row, row.code, context.asOf, returnQuarter)];
    if (
      returnQuarter !== null &&
      latestStatement(history, returnQuarter.fy, returnQuarter.quarter) !== undefined
    ) {
      statedBefore.add(row.code);
    }
    const rowProblems: SnapshotProblem[] = [...diff.problems];
    const problem = (column: SnapshotColumn, message: string) => {
      const cell = row.cells.get(column);
      rowProblems.push({
        file: context.file,
        row: row.row,
        column,
        value: cell === undefined ? null : displayValue(cell),
        message,
      });
    };
    let version = history.reduce((max, event) => Math.max(max, event.streamVersion), 0);
    for (const { command, column } of rowProblems.length > 0 ? [] : planned) {
      const validated = commandSchema.safeParse(command);
      if (!validated.success) {
        for (const issue of validated.error.issues) {
          problem(column, `${issue.path.map(String).join('.')}: ${issue.message}`);
        }
        break;
      }
      if (options.decide !== true) continue;
      // A correction may be back-dated to the event that recorded the wrong date (see diffRow).
      const dated = {
        ...validated.data,
        effectiveOn: validated.data.effectiveOn ?? context.asOf,
      } as DatedCommand;
      try {
        for (const event of decideOnTimeline(history, dated, { statusKeys: context.statusKeys })) {
          version += 1;
          history.push({ ...event, streamVersion: version } as TimelineEvent);
        }
      } catch (error) {
        if (!(error instanceof LedgerError)) throw error;
        problem(column, error.message);
        break;
      }
    }
    if (rowProblems.length > 0) problems.push(...rowProblems);
    else {
      commands.push(...planned.map((each) => each.command));
      rowOfCode.set(row.code, row.row);
      const registration = diff.commands.find((planned) => planned.command.type === 'RegisterAction');
      if (registration !== undefined) {
        actionsRegistered++;
        const command = registration.command as { plan: string; statusKey: string };
        // Later rows of this file that register actions in the same plan use the same key.
        if (!keyOfPlan.has(command.plan) || keyOfPlan.get(command.plan)!.length === 0)
          keyOfPlan.set(command.plan, [command.statusKey]);
      }
    }
    options.onRow?.(index + 1, rows.length);
  }
  return { commands, problems, actionsRegistered, rowOfCode, codesMatched, returnQuarter, statedBefore };
}
