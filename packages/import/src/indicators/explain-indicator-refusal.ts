import {
  evolveIndicator,
  type IndicatorState,
  LedgerError,
  parseIndicatorPeriod,
  type StatusKeyRegistry,
} from '@perfledger/core';
import { decideIndicator } from '@perfledger/core/decide';
import { commandSchema } from '@perfledger/core/schemas';
import { displayValue } from '../display-value.js';
import { isRefusalOfRows } from '../explain-refusal.js';
import { SnapshotImportError } from '../snapshot-import-error.js';
import type { SnapshotProblem } from '../snapshot-problem.js';
import type { IndicatorSnapshotRow } from './indicator-snapshot-row.js';
import {
  type IndicatorPlanContext,
  type IndicatorPlanReads,
  type PlannedIndicatorCommand,
  planIndicatorImport,
} from './plan-indicator-import.js';

/**
 * Decides planned commands with core's own pure decider, in order, against each indicator's
 * state as the earlier commands leave it, and returns every command the ledger would refuse
 * as a problem on its row and column (one per indicator: later commands of a refused
 * indicator depend on it). Reads only.
 *
 * @example
 * ```ts
 * const problems = await decidePlannedIndicators(plan.commands, reads, ledger.statusKeys, 'q1.csv', rows);
 * ```
 */
export async function decidePlannedIndicators(
  planned: readonly PlannedIndicatorCommand[],
  reads: IndicatorPlanReads,
  statusKeys: StatusKeyRegistry,
  context: IndicatorPlanContext,
  rows: readonly IndicatorSnapshotRow[],
): Promise<SnapshotProblem[]> {
  const problems: SnapshotProblem[] = [];
  const states = new Map<string, IndicatorState | undefined>();
  const refused = new Set<string>();
  const cellsOf = new Map(rows.map((row) => [row.row, row.cells]));
  for (const { command, row, column } of planned) {
    const code = (command as { code: string }).code;
    if (refused.has(code)) continue;
    const problem = (message: string) => {
      const cell = column === null ? undefined : cellsOf.get(row)?.get(column);
      problems.push({
        file: context.file,
        row,
        column,
        value: cell === undefined ? null : displayValue(cell),
        message,
      });
      refused.add(code);
    };
    const validated = commandSchema.safeParse(command);
    if (!validated.success) {
      problem(
        validated.error.issues
          .map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`)
          .join('; '),
      );
      continue;
    }
    if (!states.has(code)) states.set(code, await reads.getIndicator(code));
    let state = states.get(code);
    const data = validated.data as Parameters<typeof decideIndicator>[1];
    const period = 'period' in data && typeof data.period === 'string' ? data.period : undefined;
    const effectiveOn =
      data.effectiveOn ?? (period === undefined ? context.asOf : parseIndicatorPeriod(period).end);
    try {
      for (const event of decideIndicator(state, { ...data, effectiveOn }, { statusKeys })) {
        state = evolveIndicator(state, {
          ...event,
          stream: `indicator:${code}`,
          streamVersion: (state?.version ?? 0) + 1,
        } as Parameters<typeof evolveIndicator>[1]);
      }
      states.set(code, state);
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
      problem(error.message);
    }
  }
  return problems;
}

/**
 * Turns the ledger's refusal of an indicator import's commands into a {@link SnapshotImportError}
 * naming rows and columns, by deciding the plan again with core's decider (reading only, after
 * the refused transaction rolled back). Undefined when `error` is not a refusal of the rows (a
 * busy or read-only store, a lost race, a wrong clock), which is passed on as it is.
 *
 * @example
 * ```ts
 * const explained = await explainIndicatorRefusal(error, rows, reads, context, ledger.statusKeys);
 * if (explained !== undefined) throw explained;
 * ```
 */
export async function explainIndicatorRefusal(
  error: unknown,
  rows: readonly IndicatorSnapshotRow[],
  reads: IndicatorPlanReads,
  context: IndicatorPlanContext,
  statusKeys: StatusKeyRegistry,
): Promise<SnapshotImportError | undefined> {
  if (!isRefusalOfRows(error)) return error instanceof SnapshotImportError ? error : undefined;
  const plan = await planIndicatorImport(rows, reads, context);
  const problems =
    plan.problems.length > 0
      ? plan.problems
      : await decidePlannedIndicators(plan.commands, reads, statusKeys, context, rows);
  if (problems.length > 0) return new SnapshotImportError(context.file, problems, { cause: error });
  return new SnapshotImportError(
    context.file,
    [{ file: context.file, row: null, column: null, value: null, message: error.message }],
    { cause: error },
  );
}
