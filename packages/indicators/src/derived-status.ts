import {
  type IndicatorPolarity,
  type IndicatorTarget,
  type IndicatorTolerance,
  type IndicatorValue,
  type StatusKey,
  valuesMeaning,
} from '@perfledger/core';

/**
 * How a value stands against its target: `met`, `near` (missed, but within the tolerance: the
 * amber band) or `missed`.
 *
 * @example
 * ```ts
 * const rating: IndicatorRating = 'near';
 * ```
 */
export type IndicatorRating = 'met' | 'near' | 'missed';

/**
 * What the figures say: whether the target is met (null when there is no value, no target,
 * or a direction target with no previous value to compare with) and the rating.
 *
 * @example
 * ```ts
 * const a: IndicatorAssessment = { targetMet: false, rating: 'near', shortfall: 0.3 };
 * ```
 */
export interface IndicatorAssessment {
  readonly targetMet: boolean | null;
  readonly rating: IndicatorRating | null;
  /** How far the value falls short of the target, in the unit (0 when met; null when not assessed). */
  readonly shortfall: number | null;
}

/**
 * Everything the derived status depends on, and nothing else: the value, the target, the
 * polarity, the tolerance in force for the period, and (for a direction target) the previous
 * period's value.
 *
 * @example
 * ```ts
 * const input: AssessmentInput = { value: 9.3, target: 7.5, polarity: 'lower', tolerance: { kind: 'percent', amber: 5 }, previous: 8.1 };
 * ```
 */
export interface AssessmentInput {
  readonly value: IndicatorValue;
  readonly target: IndicatorTarget | null;
  readonly polarity: IndicatorPolarity;
  readonly tolerance: IndicatorTolerance | null;
  readonly previous: IndicatorValue;
}

const NOT_ASSESSED: IndicatorAssessment = Object.freeze({ targetMet: null, rating: null, shortfall: null });

/**
 * The derived-status rule (docs/indicators-model.md, "The derived status"). A numeric target is
 * met when the value is at least the target (higher is better) or at most it (lower is
 * better); a band when the value lies within it; yes/no when equal; a direction ("increase",
 * "decrease") when the value is strictly better than the previous period's. A miss is `near`
 * when the shortfall is within the tolerance: `absolute` in the unit, `percent` of the target
 * (of the previous value for a direction, of the band's nearer bound for a band); with no
 * tolerance every miss is `missed`. Yes/no has no near miss. Pure.
 *
 * @example
 * ```ts
 * assessIndicator({ value: 7.8, target: 7.5, polarity: 'lower', tolerance: { kind: 'percent', amber: 5 }, previous: null });
 * // { targetMet: false, rating: 'near', shortfall: 0.3 } (0.3 is within 5 % of 7.5)
 * ```
 */
export function assessIndicator(input: AssessmentInput): IndicatorAssessment {
  const { value, target, polarity, tolerance, previous } = input;
  if (value === null || target === null) return NOT_ASSESSED;
  if (typeof target === 'boolean' || typeof value === 'boolean') {
    if (typeof target !== 'boolean' || typeof value !== 'boolean') return NOT_ASSESSED;
    return value === target
      ? { targetMet: true, rating: 'met', shortfall: 0 }
      : { targetMet: false, rating: 'missed', shortfall: null };
  }
  let shortfall: number;
  let base: number;
  if (typeof target === 'number') {
    if (polarity === 'band') return NOT_ASSESSED;
    shortfall = polarity === 'higher' ? target - value : value - target;
    base = target;
  } else if ('direction' in target) {
    if (typeof previous !== 'number') return NOT_ASSESSED;
    // Strictly better than the previous period: unchanged is a miss by nothing (amber when any
    // tolerance is in force).
    const better = target.direction === 'increase' ? value > previous : value < previous;
    if (better) return { targetMet: true, rating: 'met', shortfall: 0 };
    return rateMiss(Math.abs(value - previous), Math.abs(previous), tolerance);
  } else {
    if (value >= target.low && value <= target.high) return { targetMet: true, rating: 'met', shortfall: 0 };
    const below = value < target.low;
    shortfall = below ? target.low - value : value - target.high;
    base = below ? target.low : target.high;
  }
  if (shortfall <= 0) return { targetMet: true, rating: 'met', shortfall: 0 };
  return rateMiss(shortfall, Math.abs(base), tolerance);
}

function rateMiss(
  shortfall: number,
  base: number,
  tolerance: IndicatorTolerance | null,
): IndicatorAssessment {
  const allowed =
    tolerance === null
      ? -1
      : tolerance.kind === 'absolute'
        ? tolerance.amber
        : (tolerance.amber / 100) * base;
  return { targetMet: false, rating: shortfall <= allowed ? 'near' : 'missed', shortfall };
}

// The built-in keys' words for each outcome. Other keys use their meanings: the first onTrack
// value for met, the first attention value for missed, and no word for near.
const BUILT_IN_WORDS: Readonly<
  Record<string, Readonly<Record<IndicatorRating | 'noTarget' | 'noValue', string | null>>>
> = {
  'pentana-indicator': {
    met: 'Satisfactory',
    near: 'Warning',
    missed: 'Alert',
    noTarget: 'Data Only',
    noValue: 'Unknown',
  },
  rag: { met: 'Green', near: 'Amber', missed: 'Red', noTarget: null, noValue: null },
};

/**
 * The derived status in the words of the indicator's status key. Pentana's indicator key:
 * Satisfactory (met), Warning (near), Alert (missed), Data Only (no target), Unknown (a target
 * but no value). RAG: Green, Amber, Red, and null when not assessed. A custom key: its first
 * `onTrack` value for met, its first `attention` value for missed, null otherwise.
 *
 * @example
 * ```ts
 * derivedStatusWord(pentanaIndicatorStatusKey, { targetMet: false, rating: 'near', shortfall: 0.3 }, { hasTarget: true, hasValue: true });
 * // 'Warning'
 * ```
 */
export function derivedStatusWord(
  key: StatusKey | undefined,
  assessment: IndicatorAssessment,
  facts: { readonly hasTarget: boolean; readonly hasValue: boolean },
): string | null {
  const outcome =
    assessment.rating ?? (!facts.hasTarget ? 'noTarget' : !facts.hasValue ? 'noValue' : undefined);
  if (outcome === undefined || key === undefined) return null;
  const words = BUILT_IN_WORDS[key.id];
  if (words !== undefined) return words[outcome];
  if (outcome === 'met') return valuesMeaning(key, 'onTrack')[0] ?? null;
  if (outcome === 'missed') return valuesMeaning(key, 'attention')[0] ?? null;
  return null;
}
