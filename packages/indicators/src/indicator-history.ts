import {
  AS_OF_KEYS,
  type AsOf,
  assertOptions,
  compareIndicatorPeriods,
  type IndicatorFrequency,
  type IndicatorPolarity,
  type IndicatorQuality,
  type IndicatorTarget,
  type IndicatorTolerance,
  type IndicatorUnit,
  type IndicatorValue,
  type Ledger,
  parseIndicatorPeriod,
  ValidationError,
} from '@perfledger/core';
import { type IndicatorBasis, resolveIndicatorBasis } from './indicator-basis.js';
import { type IndicatorDirection, indicatorItemOf } from './indicator-item.js';
import { readIndicatorFacts, requireIndicatorProjection } from './read-indicator-states.js';

/** One correction of a period's value, with who recorded it and when. */
export interface IndicatorHistoryCorrection {
  readonly from: IndicatorValue;
  readonly to: IndicatorValue;
  readonly reason: string;
  readonly position: number;
  readonly recordedAt: string;
  readonly actor: string | null;
}

/** One period of an indicator's history: the figures, what they say, and every correction. */
export interface IndicatorHistoryPeriod {
  readonly period: string;
  readonly periodEnd: string;
  readonly value: IndicatorValue;
  readonly quality: IndicatorQuality | null;
  /** The first value recorded for the period (equal to `value` when never corrected). */
  readonly firstValue: IndicatorValue;
  readonly footnote: string | null;
  readonly target: IndicatorTarget | null;
  readonly targetPeriod: string | null;
  readonly targetRevisions: number;
  readonly tolerance: IndicatorTolerance | null;
  readonly targetMet: boolean | null;
  readonly direction: IndicatorDirection | null;
  readonly status: string | null;
  readonly derivedStatus: string | null;
  readonly corrections: readonly IndicatorHistoryCorrection[];
}

/**
 * An indicator's trend: every period with a value, target or reported status, oldest first.
 *
 * @example
 * ```ts
 * const h: IndicatorHistory = await indicatorHistory(ledger, 'BV12');
 * h.periods.map((p) => `${p.period} ${p.value}`);
 * ```
 */
export interface IndicatorHistory {
  readonly code: string;
  readonly title: string;
  readonly unit: IndicatorUnit;
  readonly polarity: IndicatorPolarity;
  readonly frequency: IndicatorFrequency;
  readonly statusKey: string;
  readonly basis: IndicatorBasis;
  readonly periods: readonly IndicatorHistoryPeriod[];
}

/**
 * An indicator's history and trend as known now or at `knownAt`: per period its value (and
 * first value), target, tolerance in force, status reported and derived, and every correction
 * (from, to, reason, who, when). The code is matched ignoring case; undefined when no such
 * indicator was registered as known then. Reads the `indicators` projection.
 *
 * @throws ValidationError for a misplaced option (only `knownAt` is read; `asAt` is refused:
 *   each period speaks for its own dates).
 * @example
 * ```ts
 * const trend = await indicatorHistory(ledger, 'bv12', { knownAt: '2020-01-15' });
 * ```
 */
export async function indicatorHistory(
  ledger: Ledger,
  code: string,
  asOf: Pick<AsOf, 'knownAt'> = {},
): Promise<IndicatorHistory | undefined> {
  if (typeof code !== 'string' || code.trim() === '') {
    throw new ValidationError('indicatorHistory needs an indicator code.', [
      { path: ['code'], message: 'must be a code' },
    ]);
  }
  assertOptions(
    asOf,
    AS_OF_KEYS.filter((key) => key === 'knownAt'),
    'indicatorHistory asOf',
  );
  const basis = await resolveIndicatorBasis(ledger, asOf.knownAt);
  await requireIndicatorProjection(ledger, basis.position);
  const facts = await readIndicatorFacts(ledger, basis.position);
  const wanted = code.trim().toUpperCase();
  const found = [...facts.values()].find(({ state }) => state.code.toUpperCase() === wanted);
  if (found === undefined) return undefined;
  const { state, events } = found;
  const labels = new Set([
    ...Object.keys(state.values),
    ...Object.keys(state.targets),
    ...Object.keys(state.statuses),
  ]);
  const periods = [...labels].map(parseIndicatorPeriod).sort(compareIndicatorPeriods);
  const key = ledger.statusKeys.get(state.statusKey);
  return {
    code: state.code,
    title: state.title,
    unit: state.unit,
    polarity: state.polarity,
    frequency: state.frequency,
    statusKey: state.statusKey,
    basis,
    periods: periods.map((period) => {
      const item = indicatorItemOf(state, period, key);
      const recorded = state.values[period.label];
      return {
        period: period.label,
        periodEnd: period.end,
        value: item.value,
        quality: item.quality,
        firstValue: recorded === undefined ? null : recorded.first.value,
        footnote: item.footnote,
        target: item.target,
        targetPeriod: item.targetPeriod,
        targetRevisions: item.targetPeriod === null ? 0 : (state.targets[item.targetPeriod]?.revisions ?? 0),
        tolerance: item.tolerance,
        targetMet: item.targetMet,
        direction: item.direction,
        status: item.status,
        derivedStatus: item.derivedStatus,
        corrections: events
          .filter((event) => event.type === 'IndicatorValueCorrected' && event.data.period === period.label)
          .map((event) => {
            const data = event.data as { from: IndicatorValue; value: IndicatorValue; reason: string };
            return {
              from: data.from,
              to: data.value,
              reason: data.reason,
              position: event.position,
              recordedAt: event.recordedAt,
              actor: event.actor,
            };
          }),
      };
    }),
  };
}
