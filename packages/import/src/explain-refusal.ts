import {
  ActionClosedError,
  ClockJumpError,
  ConcurrencyError,
  LedgerBusyError,
  LedgerError,
  StorageError,
  UnknownActionError,
} from '@perfledger/core';
import type { DiffContext } from './diff-row.js';
import { displayValue } from './display-value.js';
import type { SnapshotRow } from './parse-snapshot.js';
import { type ImportPlan, type PlanReads, planImport } from './plan-import.js';
import { SnapshotImportError } from './snapshot-import-error.js';

/**
 * True when `error` is the ledger refusing the snapshot's commands (a business rule, an
 * invalid command), which the snapshot's rows explain; false for what is not the snapshot's
 * fault and is passed on as it is: a lost race (retried), a busy or read-only store, a wrong
 * clock, or anything that is not a {@link LedgerError}.
 *
 * @example
 * ```ts
 * if (isRefusalOfRows(error)) throw await explainRefusal(error, rows, reads, context);
 * ```
 */
export function isRefusalOfRows(error: unknown): error is LedgerError {
  return (
    error instanceof LedgerError &&
    !(error instanceof SnapshotImportError) &&
    !(error instanceof ConcurrencyError) &&
    !(error instanceof LedgerBusyError) &&
    !(error instanceof StorageError) &&
    !(error instanceof ClockJumpError)
  );
}

/**
 * Turns the ledger's refusal of an import's commands into a {@link SnapshotImportError} naming
 * rows and columns. The import appends without deciding first (the ledger's `executeAll`
 * decides, once), so when it refuses, the rows are planned again with core's decider to find
 * every row and column at fault, as a file's other problems are reported. Called after the
 * refused transaction has rolled back; it only reads. When the decider finds nothing (the
 * ledger knows a rule the decider does not), the ledger's error is reported on the row of the
 * action it names, with the error as the cause.
 *
 * @example
 * ```ts
 * try { await ledger.executeAll(plan.commands, metadata); } catch (error) {
 *   if (isRefusalOfRows(error)) throw await explainRefusal(error, rows, reads, context);
 *   throw error;
 * }
 * ```
 */
export async function explainRefusal(
  error: LedgerError,
  rows: readonly SnapshotRow[],
  reads: PlanReads,
  context: DiffContext,
): Promise<SnapshotImportError> {
  const plan = await planImport(rows, reads, context, { decide: true });
  if (plan.problems.length > 0) return new SnapshotImportError(context.file, plan.problems);
  const code = actionCodeOf(error, plan);
  return new SnapshotImportError(
    context.file,
    [
      {
        file: context.file,
        row: code === undefined ? null : (plan.rowOfCode.get(code) ?? null),
        column: null,
        value: code === undefined ? null : displayValue(code),
        message: error.message,
      },
    ],
    { cause: error },
  );
}

function actionCodeOf(error: LedgerError, plan: ImportPlan): string | undefined {
  if (error instanceof ActionClosedError || error instanceof UnknownActionError) return error.actionCode;
  for (const code of plan.rowOfCode.keys()) {
    if (error.message.includes(`'${code}'`)) return code;
  }
  return undefined;
}
