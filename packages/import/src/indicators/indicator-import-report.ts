import type { BusinessDate } from '@perfledger/core';
import type { IndicatorImportNote } from './plan-indicator-import.js';

/**
 * What one indicator import did. Counts are of this call: importing the same snapshot again
 * appends nothing (`eventsAppended` 0, `replayed` true).
 *
 * @example
 * ```ts
 * const report = await importIndicatorSnapshot(ledger, { file: 'q1.csv' }, { asOf: '2019-06-30' });
 * console.log(`${report.eventsAppended} events; ${report.indicatorsRegistered} new indicators`);
 * ```
 */
export interface IndicatorImportReport {
  /** The file path, or the name given with in-memory content. */
  readonly file: string;
  readonly asOf: BusinessDate;
  /** Data rows read (blank rows are not counted). */
  readonly rows: number;
  /** Distinct indicator codes in the file. */
  readonly indicators: number;
  readonly indicatorsRegistered: number;
  /** Rows whose value corrects a different value already recorded for the period. */
  readonly corrections: number;
  /** `previous` figures recorded as the previous period's value (the ledger had none). */
  readonly previousRecorded: number;
  readonly eventsAppended: number;
  /** Events appended, by event type. */
  readonly byType: Readonly<Record<string, number>>;
  /** Global position of the first event appended; 0 when nothing was. */
  readonly firstPosition: number;
  readonly lastPosition: number;
  /** True when nothing was appended: the ledger already held everything the file says. */
  readonly replayed: boolean;
  /** The file's identity: SHA-256 of the content, date and options (the same for a renamed copy). */
  readonly idempotencyKey: string;
  /** What was noticed but not refused (a `previous` that disagrees with a value held). */
  readonly notes: readonly IndicatorImportNote[];
}
