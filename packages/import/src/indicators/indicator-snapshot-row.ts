import type { IndicatorColumn } from './indicator-columns.js';
import type { IndicatorPeriodReading } from './parse-indicator-period.js';
import type { IndicatorPolarityReading, IndicatorTargetReading } from './parse-indicator-target.js';
import type { IndicatorValueReading } from './parse-indicator-value.js';
import type {
  IndicatorFrequencyReading,
  IndicatorQualityReading,
  IndicatorUnitReading,
} from './parse-indicator-words.js';

/**
 * One row of an indicator snapshot with every cell read and checked: one indicator in one
 * period. A `null` field is an empty cell, which says nothing (`-` and `n/a` are not empty:
 * they say the value is missing). Status words are kept as written, because which words are
 * valid depends on the indicator's status key, which only the ledger knows.
 *
 * @example
 * ```ts
 * const row: IndicatorSnapshotRow = parseIndicatorSnapshot(input).rows[0]!;
 * row.period.label; // '2019/20 Q1'
 * ```
 */
export interface IndicatorSnapshotRow {
  readonly row: number;
  readonly code: string;
  readonly title: string | null;
  readonly period: IndicatorPeriodReading;
  readonly value: IndicatorValueReading | null;
  readonly target: IndicatorTargetReading | null;
  readonly polarity: IndicatorPolarityReading | null;
  /** The value of the previous comparable period, as the report printed it. */
  readonly previous: IndicatorValueReading | null;
  /** The national comparator for the period. */
  readonly national: IndicatorValueReading | null;
  readonly status: string | null;
  readonly comment: string | null;
  /** The `unit` cell, or the unit the figures' marks imply (`%`, `£`, Yes/No) when it is empty. */
  readonly unit: IndicatorUnitReading | null;
  readonly frequency: IndicatorFrequencyReading | null;
  readonly plan: string | null;
  readonly directorate: string | null;
  readonly section: string | null;
  readonly owner: string | null;
  readonly quality: IndicatorQualityReading | null;
  /** The cells as written, for reporting problems found later. */
  readonly cells: ReadonlyMap<IndicatorColumn, string>;
}
