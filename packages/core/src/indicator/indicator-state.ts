import type { BusinessDate } from '../time/index.js';
import type {
  IndicatorFrequency,
  IndicatorPolarity,
  IndicatorQuality,
  IndicatorTarget,
  IndicatorTolerance,
  IndicatorUnit,
  IndicatorValue,
} from './indicator-vocabulary.js';

/** One value of an indicator for one period, as recorded or corrected. */
export interface IndicatorValueEntry {
  readonly value: IndicatorValue;
  readonly quality: IndicatorQuality;
  readonly missingReason: string | null;
  readonly footnote: string | null;
}

/**
 * A period's value now, and the first value ever recorded for it (never lost, however often
 * corrected), with every correction in the order recorded.
 */
export interface IndicatorPeriodValue extends IndicatorValueEntry {
  readonly first: IndicatorValueEntry;
  readonly corrections: readonly IndicatorCorrection[];
  readonly effectiveOn: BusinessDate;
}

/** One correction of a period's value. */
export interface IndicatorCorrection {
  readonly from: IndicatorValue;
  readonly to: IndicatorValue;
  readonly reason: string;
  readonly effectiveOn: BusinessDate;
  readonly streamVersion: number;
}

/** A period's target now (null: explicitly none), the first one set, and how often it was revised. */
export interface IndicatorPeriodTarget {
  readonly target: IndicatorTarget | null;
  readonly first: IndicatorTarget | null;
  readonly revisions: number;
  readonly reason: string | null;
  readonly approver: string | null;
  readonly effectiveOn: BusinessDate;
}

/** A tolerance rule and the date it is in force from. */
export interface IndicatorToleranceEntry {
  readonly tolerance: IndicatorTolerance;
  readonly effectiveOn: BusinessDate;
  readonly streamVersion: number;
}

/** The officer's reported status for a period. */
export interface IndicatorReportedStatus {
  readonly status: string;
  readonly comment: string | null;
}

/** A comparator figure for a period. */
export interface IndicatorComparator {
  readonly kind: string;
  readonly value: number;
  readonly source: string;
}

/** A comment, for a period (or null: in general). */
export interface IndicatorComment {
  readonly period: string | null;
  readonly text: string;
  readonly effectiveOn: BusinessDate;
}

/**
 * What is known of one indicator, folded from its events (see `foldIndicator`). Period facts
 * are keyed by period label ("2019/20 Q1"); plain, JSON-ready objects.
 *
 * @example
 * ```ts
 * const state = await ledger.getIndicator('BV12');
 * state?.values['2019/20 Q1']?.first.value; // the first value recorded, even after corrections
 * ```
 */
export interface IndicatorState {
  readonly code: string;
  readonly stream: string;
  readonly title: string;
  readonly description: string | null;
  readonly unit: IndicatorUnit;
  readonly polarity: IndicatorPolarity;
  readonly frequency: IndicatorFrequency;
  readonly plan: string;
  readonly directorate: string | null;
  readonly section: string | null;
  readonly owner: string | null;
  readonly statusKey: string;
  readonly registeredOn: BusinessDate;
  readonly targets: Readonly<Record<string, IndicatorPeriodTarget>>;
  /** Every tolerance rule, in effective order (date, then recorded order). */
  readonly tolerances: readonly IndicatorToleranceEntry[];
  readonly values: Readonly<Record<string, IndicatorPeriodValue>>;
  readonly statuses: Readonly<Record<string, IndicatorReportedStatus>>;
  /** Per period, the latest comparator of each kind, by kind. */
  readonly comparators: Readonly<Record<string, Readonly<Record<string, IndicatorComparator>>>>;
  /** Per period (general comments under ''), the latest comment. */
  readonly comments: Readonly<Record<string, IndicatorComment>>;
  readonly eventCount: number;
  readonly version: number;
}

/** The prefix of every indicator stream. */
export const INDICATOR_STREAM_PREFIX = 'indicator:';

/**
 * The stream that holds an indicator's events.
 *
 * @example
 * ```ts
 * indicatorStreamOf('BV12'); // 'indicator:BV12'
 * ```
 */
export function indicatorStreamOf(code: string): string {
  return `${INDICATOR_STREAM_PREFIX}${code}`;
}

/**
 * The tolerance in force on a date (a period's last day): the latest rule effective on or
 * before it; undefined when none was set by then.
 *
 * @example
 * ```ts
 * toleranceInForce(state.tolerances, '2019-06-30')?.tolerance; // { kind: 'percent', amber: 5 }
 * ```
 */
export function toleranceInForce(
  tolerances: readonly IndicatorToleranceEntry[],
  on: BusinessDate,
): IndicatorToleranceEntry | undefined {
  let found: IndicatorToleranceEntry | undefined;
  for (const entry of tolerances) {
    if (entry.effectiveOn > on) continue;
    if (
      found === undefined ||
      entry.effectiveOn > found.effectiveOn ||
      (entry.effectiveOn === found.effectiveOn && entry.streamVersion > found.streamVersion)
    ) {
      found = entry;
    }
  }
  return found;
}
