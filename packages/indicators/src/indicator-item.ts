import {
  financialYearOfPeriod,
  type IndicatorComparator,
  type IndicatorFrequency,
  type IndicatorPeriod,
  type IndicatorPolarity,
  type IndicatorQuality,
  type IndicatorState,
  type IndicatorTarget,
  type IndicatorTolerance,
  type IndicatorUnit,
  type IndicatorValue,
  parseIndicatorPeriod,
  previousIndicatorPeriod,
  type StatusKey,
  samePeriodLastYear,
  toleranceInForce,
} from '@perfledger/core';
import { assessIndicator, derivedStatusWord, type IndicatorRating } from './derived-status.js';

/**
 * Which way a value moved against an earlier one, by the indicator's polarity: `improving`,
 * `worsening`, `unchanged`; null when either value is missing (or a band with no band target).
 *
 * @example
 * ```ts
 * const d: IndicatorDirection = 'improving';
 * ```
 */
export type IndicatorDirection = 'improving' | 'worsening' | 'unchanged';

/**
 * One indicator's line for a period: the figures, the target and tolerance in force, what they
 * say (targetMet, derivedStatus) and what the officer reported (status). Every field is
 * present; null means "none" (JSON-stable).
 *
 * @example
 * ```ts
 * const item: IndicatorItem = view.items.find((i) => i.code === 'BV12')!;
 * `${item.code} ${item.value} against ${item.target}: ${item.derivedStatus}`;
 * ```
 */
export interface IndicatorItem {
  readonly code: string;
  readonly title: string;
  readonly unit: IndicatorUnit;
  readonly polarity: IndicatorPolarity;
  readonly frequency: IndicatorFrequency;
  readonly plan: string;
  readonly directorate: string | null;
  readonly section: string | null;
  readonly owner: string | null;
  readonly statusKey: string;
  readonly period: string;
  readonly value: IndicatorValue;
  /** Null when no value (not even a missing one) was recorded for the period. */
  readonly quality: IndicatorQuality | null;
  readonly missingReason: string | null;
  readonly footnote: string | null;
  /** The first value recorded for the period, when it was corrected since (else null). */
  readonly firstValue: IndicatorValue;
  readonly corrections: number;
  readonly target: IndicatorTarget | null;
  /** The period the target was set for: the item's own, or (profiled) its quarter or financial year. */
  readonly targetPeriod: string | null;
  readonly tolerance: IndicatorTolerance | null;
  /** The date the tolerance in force took effect. */
  readonly toleranceFrom: string | null;
  readonly previous: IndicatorValue;
  readonly previousPeriod: string | null;
  readonly sameTimeLastYear: IndicatorValue;
  readonly sameTimeLastYearPeriod: string | null;
  readonly targetMet: boolean | null;
  /** Against the previous period. */
  readonly direction: IndicatorDirection | null;
  /** Against the same period a year earlier. */
  readonly directionYearOnYear: IndicatorDirection | null;
  readonly rating: IndicatorRating | null;
  /** The officer's reported status for the period (a value of `statusKey`), or null. */
  readonly status: string | null;
  readonly statusComment: string | null;
  /** The status the figures give, in the words of `statusKey` (see `derivedStatusWord`). */
  readonly derivedStatus: string | null;
  /** The national comparator when there is one, else the first kind recorded. */
  readonly comparator: IndicatorComparator | null;
  readonly comparators: readonly IndicatorComparator[];
  /** The latest comment for the period; else the status comment; else the latest general comment. */
  readonly note: string | null;
}

/** The target for a period: its own, else its quarter's (for a month), else its financial year's. */
export function targetFor(
  state: IndicatorState,
  period: IndicatorPeriod,
): { readonly target: IndicatorTarget | null; readonly period: string | null } {
  const candidates: string[] = [period.label];
  if (period.kind === 'month') {
    const fy = financialYearOfPeriod(period);
    const index = ((period.month ?? 1) + 12 - 4) % 12;
    candidates.push(`${fy.label} Q${Math.floor(index / 3) + 1}`);
  }
  if (period.kind !== 'year') candidates.push(financialYearOfPeriod(period).label);
  for (const label of candidates) {
    const entry = state.targets[label];
    if (entry !== undefined) return { target: entry.target, period: label };
  }
  return { target: null, period: null };
}

function numeric(value: IndicatorValue): number | null {
  if (value === null) return null;
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

/**
 * The direction of travel from `before` to `now` by polarity; for a band, closer to the band
 * is improving.
 *
 * @example
 * ```ts
 * directionOf(8.1, 9.3, 'lower', null); // 'improving'
 * ```
 */
export function directionOf(
  now: IndicatorValue,
  before: IndicatorValue,
  polarity: IndicatorPolarity,
  target: IndicatorTarget | null,
): IndicatorDirection | null {
  const a = numeric(now);
  const b = numeric(before);
  if (a === null || b === null) return null;
  let better: number;
  if (polarity === 'band') {
    if (target === null || typeof target !== 'object' || !('low' in target)) return null;
    const distance = (v: number) => (v < target.low ? target.low - v : v > target.high ? v - target.high : 0);
    better = distance(b) - distance(a);
  } else {
    better = polarity === 'higher' ? a - b : b - a;
  }
  return better > 0 ? 'improving' : better < 0 ? 'worsening' : 'unchanged';
}

/**
 * The period whose figure is the "previous" one: the period before, of the same length, when it
 * has a value; otherwise the latest period with a value that ends before this one starts (the
 * shorter one when two end together), as a council prints last year's outturn beside a quarter
 * of an indicator it reported yearly until now. Undefined when there is no earlier figure.
 */
function previousFigurePeriod(state: IndicatorState, period: IndicatorPeriod): IndicatorPeriod | undefined {
  const before = previousIndicatorPeriod(period);
  if (before !== undefined && figureOf(state, before.label) !== null) return before;
  let best: IndicatorPeriod | undefined;
  for (const label of Object.keys(state.values)) {
    if (figureOf(state, label) === null) continue;
    const candidate = parseIndicatorPeriod(label);
    if (candidate.end >= period.start) continue;
    if (
      best === undefined ||
      candidate.end > best.end ||
      (candidate.end === best.end && candidate.start > best.start)
    ) {
      best = candidate;
    }
  }
  return best ?? before;
}

function figureOf(state: IndicatorState, label: string): IndicatorValue {
  return state.values[label]?.value ?? null;
}

/**
 * An indicator's line for one period, from its state as known: pure.
 *
 * @example
 * ```ts
 * indicatorItemOf(state, parseIndicatorPeriod('2019/20 Q1'), ledger.statusKeys.get(state.statusKey));
 * ```
 */
export function indicatorItemOf(
  state: IndicatorState,
  period: IndicatorPeriod,
  key: StatusKey | undefined,
): IndicatorItem {
  const recorded = state.values[period.label];
  const value = recorded?.value ?? null;
  const previousPeriod = previousFigurePeriod(state, period);
  const lastYearPeriod = samePeriodLastYear(period);
  const previous = previousPeriod === undefined ? null : (state.values[previousPeriod.label]?.value ?? null);
  const sameTimeLastYear =
    lastYearPeriod === undefined ? null : (state.values[lastYearPeriod.label]?.value ?? null);
  const { target, period: targetPeriod } = targetFor(state, period);
  const inForce = toleranceInForce(state.tolerances, period.end);
  const tolerance = inForce?.tolerance ?? null;
  const assessment = assessIndicator({ value, target, polarity: state.polarity, tolerance, previous });
  const reported = state.statuses[period.label];
  const comparators = Object.values(state.comparators[period.label] ?? {});
  const comment = state.comments[period.label];
  return {
    code: state.code,
    title: state.title,
    unit: state.unit,
    polarity: state.polarity,
    frequency: state.frequency,
    plan: state.plan,
    directorate: state.directorate,
    section: state.section,
    owner: state.owner,
    statusKey: state.statusKey,
    period: period.label,
    value,
    quality: recorded?.quality ?? null,
    missingReason: recorded?.missingReason ?? null,
    footnote: recorded?.footnote ?? null,
    firstValue: recorded === undefined || recorded.corrections.length === 0 ? null : recorded.first.value,
    corrections: recorded?.corrections.length ?? 0,
    target,
    targetPeriod,
    tolerance,
    toleranceFrom: inForce?.effectiveOn ?? null,
    previous,
    previousPeriod: previousPeriod?.label ?? null,
    sameTimeLastYear,
    sameTimeLastYearPeriod: lastYearPeriod?.label ?? null,
    targetMet: assessment.targetMet,
    direction: directionOf(value, previous, state.polarity, target),
    directionYearOnYear: directionOf(value, sameTimeLastYear, state.polarity, target),
    rating: assessment.rating,
    status: reported?.status ?? null,
    statusComment: reported?.comment ?? null,
    derivedStatus: derivedStatusWord(key, assessment, {
      hasTarget: target !== null,
      hasValue: value !== null,
    }),
    comparator: comparators.find((c) => c.kind === 'national') ?? comparators[0] ?? null,
    comparators,
    note: comment?.text ?? reported?.comment ?? state.comments['']?.text ?? null,
  };
}

/** The kinds of period an indicator of each frequency reports. */
const REPORTS: Readonly<Record<IndicatorFrequency, readonly string[]>> = {
  monthly: ['month', 'quarter', 'year'],
  quarterly: ['quarter', 'year'],
  annual: ['year'],
};

/**
 * True when an indicator reports for periods of this kind (a quarterly one for quarters and
 * years, not months).
 *
 * @example
 * ```ts
 * reportsFor('quarterly', parseIndicatorPeriod('2019-06')); // false
 * ```
 */
export function reportsFor(frequency: IndicatorFrequency, period: IndicatorPeriod): boolean {
  return REPORTS[frequency].includes(period.kind);
}
