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
}
