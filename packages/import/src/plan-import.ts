import {
  type CommandInput,
  commandSchema,
  type DatedCommand,
  decideOnTimeline,
  foldAction,
  LedgerError,
  type TimelineEvent,
} from '@perfledger/core';
import { type DiffContext, diffRow } from './diff-row.js';
import { displayValue } from './display-value.js';
import type { SnapshotRow } from './parse-snapshot.js';
import type { SnapshotColumn } from './snapshot-columns.js';
import type { SnapshotProblem } from './snapshot-problem.js';

/** Everything an import will append, decided before anything is written. */
export interface ImportPlan {
  readonly commands: readonly CommandInput[];
  /** Every problem in every row; when there is one, nothing may be written. */
  readonly problems: readonly SnapshotProblem[];
  /** The number of events each type of the decided commands produces. */
  readonly byType: Readonly<Record<string, number>>;
  readonly actionsRegistered: number;
  /** Rows whose commands produce no event. */
  readonly unchanged: number;
  /** The action code of each command, for naming the row of a refusal. */
  readonly rowOfCode: ReadonlyMap<string, number>;
  /** Rows whose code was written in another case than the action it matched (`dc02` for `DC02`). */
  readonly codesMatched: readonly CodeMatch[];
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
 * Decides a whole snapshot: compares each row with its action's history ({@link diffRow}),
 * validates the commands with core's schemas, and decides them with core's own pure decider,
 * so that a rule a command would break is reported with its row and column, and every row's
 * problems are collected before anything is written.
 *
 * `resolveCode` gives the registered code equal to a row's code ignoring case (or undefined),
 * so that a row written `dc02` updates the action `DC02`; `readHistory` returns an action's
 * events in stream order. Call this inside the write transaction that appends the result, so
 * that the codes and histories cannot change in between.
 */
export function planImport(
  rows: readonly SnapshotRow[],
  readHistory: (code: string) => readonly TimelineEvent[],
  context: DiffContext,
  onRow?: (done: number, total: number) => void,
  resolveCode: (code: string) => string | undefined = () => undefined,
): ImportPlan {
  const commands: CommandInput[] = [];
  const problems: SnapshotProblem[] = [];
  const byType = new Map<string, number>();
  const rowOfCode = new Map<string, number>();
  let actionsRegistered = 0;
  let unchanged = 0;
  const codesMatched: CodeMatch[] = [];

  rows.forEach((written, index) => {
    const registered = resolveCode(written.code);
    const row =
      registered === undefined || registered === written.code ? written : { ...written, code: registered };
    if (row !== written) codesMatched.push({ row: row.row, written: written.code, code: row.code });
    const history = [...readHistory(row.code)];
    const diff = diffRow(row, foldAction(history, context.asOf), foldAction(history), context);
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
    const types: string[] = [];
    let version = history.reduce((max, event) => Math.max(max, event.streamVersion), 0);
    for (const { command, column } of rowProblems.length > 0 ? [] : diff.commands) {
      const validated = commandSchema.safeParse(command);
      if (!validated.success) {
        for (const issue of validated.error.issues) {
          problem(column, `${issue.path.map(String).join('.')}: ${issue.message}`);
        }
        break;
      }
      // A correction may be back-dated to the event that recorded the wrong date (see diffRow).
      const dated = {
        ...validated.data,
        effectiveOn: validated.data.effectiveOn ?? context.asOf,
      } as DatedCommand;
      try {
        for (const event of decideOnTimeline(history, dated, { statusKeys: context.statusKeys })) {
          version += 1;
          history.push({ ...event, streamVersion: version } as TimelineEvent);
          types.push(event.type);
        }
      } catch (error) {
        if (!(error instanceof LedgerError)) throw error;
        problem(column, error.message);
        break;
      }
    }
    if (rowProblems.length > 0) problems.push(...rowProblems);
    else {
      commands.push(...diff.commands.map((planned) => planned.command));
      rowOfCode.set(row.code, row.row);
      if (diff.commands.some((planned) => planned.command.type === 'RegisterAction')) actionsRegistered++;
      if (types.length === 0) unchanged++;
      for (const type of types) byType.set(type, (byType.get(type) ?? 0) + 1);
    }
    onRow?.(index + 1, rows.length);
  });
  return {
    commands,
    problems,
    byType: Object.fromEntries([...byType].sort(([a], [b]) => a.localeCompare(b))),
    actionsRegistered,
    unchanged,
    rowOfCode,
    codesMatched,
  };
}
