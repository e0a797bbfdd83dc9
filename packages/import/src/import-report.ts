import type { BusinessDate } from '@perfledger/core';
import type { CodeMatch, ReturnQuarter } from './plan-import.js';

/**
 * What one import did. Counts are of rows and events of this call; when the exact same import
 * had already been made (`replayed`), nothing was appended and the positions are the first
 * import's.
 *
 * @example
 * ```ts
 * const report = await importSnapshot(ledger, { file: 'q2-2019.csv' }, { asOf: '2019-09-30', statusKey: 'pentana' });
 * console.log(`${report.eventsAppended} events from ${report.rows} rows; ${report.unchanged} unchanged`);
 * ```
 */
export interface ImportReport {
  /** The file path, or the name given with in-memory content. */
  readonly file: string;
  readonly asOf: BusinessDate;
  /** Data rows read (blank rows are not counted). */
  readonly rows: number;
  readonly actionsRegistered: number;
  readonly eventsAppended: number;
  /** Rows that changed something the ledger knew for the date (beyond recording the statement). */
  readonly changed: number;
  /** Rows whose values matched what the ledger knew for the date (`rows - changed`). */
  readonly unchanged: number;
  /** Rows that appended nothing at all: the ledger already held their values and their statement. */
  readonly alreadyRecorded: number;
  /** The quarter the snapshot is the return of (its date ends it); null for a mid-quarter snapshot. */
  readonly returnOf: ReturnQuarter | null;
  /** `ReturnStated` statements appended: one per row whose statement was new. */
  readonly returnsRecorded: number;
  /** Of those, the statements that correct a return the ledger already had for that quarter. */
  readonly corrections: number;
  /** Events appended, by event type. */
  readonly byType: Readonly<Record<string, number>>;
  /** Global position of the first event appended; 0 when nothing was. */
  readonly firstPosition: number;
  readonly lastPosition: number;
  /**
   * True when nothing was appended: the ledger already held everything the file says for its
   * date (a repeat of an earlier import, under any name), decided row by row.
   */
  readonly replayed: boolean;
  /** The file's identity: SHA-256 of the content, date and options (the same for a renamed copy). */
  readonly idempotencyKey: string;
  /**
   * Rows whose code was written in another case than the existing action it updated: a row
   * `dc02` updates the action `DC02` (codes are compared ignoring case). Empty when none.
   */
  readonly codesMatched: readonly CodeMatch[];
  /**
   * Rows whose due date was given by period ("Q4", "Q4 2019/20", "2020/21", "March 2020") and
   * read as that period's last day; the officer's words are kept on the due-date event
   * (`dueDateText`). Empty when none.
   */
  readonly periodDueDates: readonly PeriodDueDate[];
  /**
   * Rows that contradict themselves: completed, yet less than 100 % complete. Imported as
   * stated (the quarter-end view flags them too); listed so the officer can check. Empty when none.
   */
  readonly contradictions: readonly RowContradiction[];
}

/**
 * A row whose due date was given by period, and the date it was read as.
 *
 * @example
 * ```ts
 * const read: PeriodDueDate = { row: 4, code: 'FP1922_02', text: 'Q4', period: '2019/20 Q4', dueDate: '2020-03-31' };
 * ```
 */
export interface PeriodDueDate {
  readonly row: number;
  readonly code: string;
  /** The cell as the officer wrote it. */
  readonly text: string;
  /** The period it names, in perfledger's words. */
  readonly period: string;
  /** The period's last day: the due date recorded. */
  readonly dueDate: BusinessDate;
}

/**
 * A row whose cells contradict each other, named with its row and column.
 *
 * @example
 * ```ts
 * const c: RowContradiction = { row: 7, code: 'FP1922_04', column: 'percent_complete', message: 'completed, but 80% complete' };
 * ```
 */
export interface RowContradiction {
  readonly row: number;
  readonly code: string;
  readonly column: 'percent_complete';
  readonly message: string;
}
