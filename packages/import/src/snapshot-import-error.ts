import { LedgerError } from '@perfledger/core';
import type { SnapshotProblem } from './snapshot-problem.js';

const LISTED = 20;

function describe(problem: SnapshotProblem): string {
  const where = [
    problem.row === null ? undefined : `row ${problem.row}`,
    problem.column === null ? undefined : problem.column,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
  return where === '' ? problem.message : `${where}: ${problem.message}`;
}

/**
 * A snapshot could not be imported. Every problem found in the file is listed (not just the
 * first), each with its file, row, column and value; nothing from the file was written.
 *
 * @example
 * ```ts
 * try {
 *   await importSnapshot(ledger, { file: 'q2-2019.csv' }, { asOf: '2019-09-30' });
 * } catch (error) {
 *   if (error instanceof SnapshotImportError) {
 *     for (const p of error.problems) console.error(`${p.file} row ${p.row} ${p.column}: ${p.message}`);
 *   }
 * }
 * ```
 */
export class SnapshotImportError extends LedgerError {
  readonly file: string;
  readonly problems: readonly SnapshotProblem[];

  constructor(file: string, problems: readonly SnapshotProblem[], options?: { cause?: unknown }) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const listed = problems.slice(0, LISTED).map((problem) => `  ${describe(problem)}`);
    if (problems.length > LISTED) listed.push(`  … and ${problems.length - LISTED} more`);
    super(
      'SNAPSHOT_INVALID',
      `Snapshot '${file}' has ${count}; nothing from it was written.\n${listed.join('\n')}`,
      options,
    );
    this.file = file;
    this.problems = Object.freeze(problems.map((problem) => Object.freeze({ ...problem })));
  }
}
