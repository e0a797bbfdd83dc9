import type { EventDataMap, LedgerEvent } from '../events/event-catalogue.js';
import type { IndicatorComparator } from './indicator-state.js';
import type {
  IndicatorQuality,
  IndicatorTarget,
  IndicatorTolerance,
  IndicatorValue,
} from './indicator-vocabulary.js';

/**
 * One field of an indicator an event sets, with the period it is set for (null for a field of
 * the indicator itself) and its new value. Discriminated on `field`, so every reader handles
 * each value's type.
 *
 * @example
 * ```ts
 * const change: IndicatorFieldChange = { field: 'value', period: '2019/20 Q1', value: 9.3 };
 * ```
 */
export type IndicatorFieldChange =
  | {
      readonly field: 'title' | 'plan' | 'unit' | 'polarity' | 'frequency' | 'statusKey';
      readonly period: null;
      readonly value: string;
    }
  | {
      readonly field: 'description' | 'directorate' | 'section' | 'owner';
      readonly period: null;
      readonly value: string;
    }
  | { readonly field: 'target'; readonly period: string; readonly value: IndicatorTarget | null }
  | { readonly field: 'tolerance'; readonly period: null; readonly value: IndicatorTolerance }
  | { readonly field: 'value'; readonly period: string; readonly value: IndicatorValue }
  | { readonly field: 'quality'; readonly period: string; readonly value: IndicatorQuality }
  | { readonly field: 'missingReason' | 'footnote'; readonly period: string; readonly value: string | null }
  | { readonly field: 'status'; readonly period: string; readonly value: string }
  | { readonly field: 'comparator'; readonly period: string; readonly value: IndicatorComparator }
  | { readonly field: 'comment'; readonly period: string | null; readonly value: string };

/**
 * The name of an indicator field an event can set.
 *
 * @example
 * ```ts
 * const field: IndicatorField = 'target';
 * ```
 */
export type IndicatorField = IndicatorFieldChange['field'];

/**
 * Every indicator field, in the order readers list them (an audit trail's field order).
 *
 * @example
 * ```ts
 * indicatorFields.indexOf('value'); // where a value row sorts among one event's rows
 * ```
 */
export const indicatorFields: readonly IndicatorField[] = Object.freeze([
  'title',
  'description',
  'unit',
  'polarity',
  'frequency',
  'plan',
  'directorate',
  'section',
  'owner',
  'statusKey',
  'target',
  'tolerance',
  'value',
  'quality',
  'missingReason',
  'footnote',
  'status',
  'comparator',
  'comment',
] satisfies readonly IndicatorField[]);

const AMENDABLE = ['title', 'description', 'plan', 'directorate', 'section', 'owner'] as const;

/**
 * The event types about an indicator: `IndicatorRegistered`, `IndicatorValueRecorded`…
 *
 * @example
 * ```ts
 * const type: IndicatorEventType = 'IndicatorTargetSet';
 * ```
 */
export type IndicatorEventType = Extract<keyof EventDataMap, `Indicator${string}`>;

/**
 * An event about an indicator.
 *
 * @example
 * ```ts
 * const event: IndicatorEvent = { type: 'IndicatorCommented', data: { text: 'Data from HR system' } };
 * ```
 */
export type IndicatorEvent = Extract<LedgerEvent, { type: IndicatorEventType }>;

function valueChanges(
  data: EventDataMap['IndicatorValueRecorded'] | EventDataMap['IndicatorValueCorrected'],
): IndicatorFieldChange[] {
  return [
    { field: 'value', period: data.period, value: data.value },
    { field: 'quality', period: data.period, value: data.quality },
    { field: 'missingReason', period: data.period, value: data.missingReason ?? null },
    { field: 'footnote', period: data.period, value: data.footnote ?? null },
  ];
}

/**
 * Which indicator event sets which field: the one table the indicator evolver, the audit trail
 * and explain read. `satisfies` makes it exhaustive over the indicator events: a new one fails
 * to compile until it says which fields it sets.
 */
const INDICATOR_FIELD_CHANGES = {
  IndicatorRegistered: (data) => {
    const changes: IndicatorFieldChange[] = [
      { field: 'title', period: null, value: data.title },
      { field: 'unit', period: null, value: data.unit },
      { field: 'polarity', period: null, value: data.polarity },
      { field: 'frequency', period: null, value: data.frequency },
      { field: 'plan', period: null, value: data.plan },
      { field: 'statusKey', period: null, value: data.statusKey },
    ];
    for (const field of ['description', 'directorate', 'section', 'owner'] as const) {
      const value = data[field];
      if (value !== undefined) changes.push({ field, period: null, value });
    }
    return changes;
  },
  IndicatorDetailsAmended: (data) => {
    const changes: IndicatorFieldChange[] = [];
    for (const field of AMENDABLE) {
      const value = data[field];
      if (value !== undefined) changes.push({ field, period: null, value });
    }
    return changes;
  },
  IndicatorTargetSet: (data) => [{ field: 'target', period: data.period, value: data.target }],
  IndicatorToleranceSet: (data) => [{ field: 'tolerance', period: null, value: data.tolerance }],
  IndicatorValueRecorded: valueChanges,
  IndicatorValueCorrected: valueChanges,
  IndicatorStatusReported: (data) => [{ field: 'status', period: data.period, value: data.status }],
  IndicatorComparatorRecorded: (data) => [
    {
      field: 'comparator',
      period: data.period,
      value: { kind: data.kind, value: data.value, source: data.source },
    },
  ],
  IndicatorCommented: (data) => [{ field: 'comment', period: data.period ?? null, value: data.text }],
} satisfies {
  readonly [T in IndicatorEventType]: (data: EventDataMap[T]) => readonly IndicatorFieldChange[];
};

/**
 * True when the event is about an indicator (it lives in an `indicator:` stream).
 *
 * @example
 * ```ts
 * isIndicatorEvent({ type: 'IndicatorTargetSet', data: { period: '2019/20', target: 90 } }); // true
 * ```
 */
export function isIndicatorEvent<E extends LedgerEvent>(
  event: E,
): event is Extract<E, { type: IndicatorEventType }> {
  return Object.hasOwn(INDICATOR_FIELD_CHANGES, event.type);
}

/**
 * The indicator fields one event sets and their new values; none for an event that is not
 * about an indicator.
 *
 * @example
 * ```ts
 * indicatorFieldChangesOf({ type: 'IndicatorTargetSet', data: { period: '2019/20', target: 90 } });
 * // [{ field: 'target', period: '2019/20', value: 90 }]
 * ```
 */
export function indicatorFieldChangesOf(event: LedgerEvent): readonly IndicatorFieldChange[] {
  if (!isIndicatorEvent(event)) return [];
  return (INDICATOR_FIELD_CHANGES[event.type] as (data: unknown) => readonly IndicatorFieldChange[])(
    event.data,
  );
}

/**
 * A field's value in words, as an audit trail or an explanation prints it: numbers as they
 * are, yes/no as "Yes"/"No", a direction target as "increase", a band as "95 to 105", a
 * tolerance as "amber within 5 %" or "amber within 0.5", a comparator as "8.4 (national, LG
 * Inform)"; null stays null.
 *
 * @example
 * ```ts
 * formatIndicatorFieldValue({ field: 'target', period: '2019/20', value: { low: 95, high: 105 } }); // '95 to 105'
 * ```
 */
export function formatIndicatorFieldValue(change: IndicatorFieldChange): string | null {
  switch (change.field) {
    case 'target':
      return change.value === null ? null : formatIndicatorTarget(change.value);
    case 'tolerance':
      return formatIndicatorTolerance(change.value);
    case 'value':
      return formatIndicatorValue(change.value);
    case 'comparator':
      return `${change.value.value} (${change.value.kind}, ${change.value.source})`;
    case 'missingReason':
    case 'footnote':
      return change.value;
    default:
      return change.value;
  }
}

/**
 * A value in words: a number as JavaScript prints it, "Yes"/"No", null for a missing value.
 *
 * @example
 * ```ts
 * formatIndicatorValue(true); // 'Yes'
 * ```
 */
export function formatIndicatorValue(value: IndicatorValue): string | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

/**
 * A target in words: "90", "Yes", "increase", "95 to 105".
 *
 * @example
 * ```ts
 * formatIndicatorTarget({ direction: 'increase' }); // 'increase'
 * ```
 */
export function formatIndicatorTarget(target: IndicatorTarget): string {
  if (typeof target === 'number') return String(target);
  if (typeof target === 'boolean') return target ? 'Yes' : 'No';
  if ('direction' in target) return target.direction;
  return `${target.low} to ${target.high}`;
}

/**
 * A tolerance in words: "amber within 5 %" or "amber within 0.5".
 *
 * @example
 * ```ts
 * formatIndicatorTolerance({ kind: 'percent', amber: 5 }); // 'amber within 5 %'
 * ```
 */
export function formatIndicatorTolerance(tolerance: IndicatorTolerance): string {
  return tolerance.kind === 'percent'
    ? `amber within ${tolerance.amber} %`
    : `amber within ${tolerance.amber}`;
}
