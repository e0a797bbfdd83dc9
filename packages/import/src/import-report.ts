import type { BusinessDate } from '@perfledger/core';
import type { CodeMatch } from './plan-import.js';

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
  /** Rows that matched the ledger and appended nothing. */
  readonly unchanged: number;
  /** Events appended, by event type. */
  readonly byType: Readonly<Record<string, number>>;
  /** Global position of the first event appended; 0 when nothing was. */
  readonly firstPosition: number;
  readonly lastPosition: number;
  /** True when this exact import (same content, date and options) had been made before. */
  readonly replayed: boolean;
  /** The idempotency key the events carry: SHA-256 of the content, date and options. */
  readonly idempotencyKey: string;
  /**
   * Rows whose code was written in another case than the existing action it updated: a row
   * `dc02` updates the action `DC02` (codes are compared ignoring case). Empty when none.
   */
  readonly codesMatched: readonly CodeMatch[];
}
