import { type Draft, produce } from 'immer';
import type { EvolvableEvent } from '../action/evolve.js';
import type { BusinessDate } from '../time/index.js';
import { indicatorFieldChangesOf, isIndicatorEvent } from './indicator-field-changes.js';
import type { IndicatorPeriodValue, IndicatorState, IndicatorValueEntry } from './indicator-state.js';
import { indicatorStreamOf } from './indicator-state.js';
import type {
  IndicatorFrequency,
  IndicatorPolarity,
  IndicatorQuality,
  IndicatorUnit,
} from './indicator-vocabulary.js';

/**
 * Applies one event to an indicator's state and returns the next state; events that are not
 * about an indicator leave it as it is. Pure (immer): the input is never mutated. Which field
 * each event sets comes from the one table, `indicatorFieldChangesOf`; the event type only
 * decides the bookkeeping of history (a correction, a target revision).
 *
 * @example
 * ```ts
 * const state = events.reduce(evolveIndicator, undefined);
 * ```
 */
export function evolveIndicator(
  state: IndicatorState | undefined,
  event: EvolvableEvent,
): IndicatorState | undefined {
  if (!isIndicatorEvent(event)) return state;
  if (event.type === 'IndicatorRegistered') {
    const data = event.data;
    return Object.freeze({
      code: data.code,
      stream: event.stream ?? indicatorStreamOf(data.code),
      title: data.title,
      description: data.description ?? null,
      unit: data.unit,
      polarity: data.polarity,
      frequency: data.frequency,
      plan: data.plan,
      directorate: data.directorate ?? null,
      section: data.section ?? null,
      owner: data.owner ?? null,
      statusKey: data.statusKey,
      registeredOn: event.effectiveOn,
      targets: {},
      tolerances: [],
      values: {},
      statuses: {},
      comparators: {},
      comments: {},
      eventCount: 1,
      version: event.streamVersion ?? 1,
    });
  }
  if (state === undefined) return state;
  return produce(state, (draft) => applyIndicatorEvent(draft, event));
}

function applyIndicatorEvent(draft: Draft<IndicatorState>, event: EvolvableEvent): void {
  draft.eventCount += 1;
  const streamVersion = event.streamVersion ?? draft.version + 1;
  draft.version = Math.max(draft.version, streamVersion);
  const effectiveOn = event.effectiveOn;
  let valueUpdate: { period: string; entry: Partial<Record<keyof IndicatorValueEntry, unknown>> } | undefined;
  for (const change of indicatorFieldChangesOf(event)) {
    switch (change.field) {
      case 'title':
      case 'plan':
      case 'statusKey':
        draft[change.field] = change.value;
        break;
      case 'unit':
        draft.unit = change.value as IndicatorUnit;
        break;
      case 'polarity':
        draft.polarity = change.value as IndicatorPolarity;
        break;
      case 'frequency':
        draft.frequency = change.value as IndicatorFrequency;
        break;
      case 'description':
      case 'directorate':
      case 'section':
      case 'owner':
        draft[change.field] = change.value;
        break;
      case 'target': {
        const previous = draft.targets[change.period];
        const data = event.type === 'IndicatorTargetSet' ? event.data : undefined;
        draft.targets[change.period] = {
          target: change.value,
          first: previous === undefined ? change.value : previous.first,
          revisions: previous === undefined ? 0 : previous.revisions + 1,
          reason: data?.reason ?? null,
          approver: data?.approver ?? null,
          effectiveOn,
        };
        break;
      }
      case 'tolerance':
        draft.tolerances.push({ tolerance: change.value, effectiveOn, streamVersion });
        // Kept in effective order (date, then recorded order), as readers look them up.
        draft.tolerances.sort((a, b) =>
          a.effectiveOn === b.effectiveOn
            ? a.streamVersion - b.streamVersion
            : a.effectiveOn < b.effectiveOn
              ? -1
              : 1,
        );
        break;
      case 'value':
      case 'quality':
      case 'missingReason':
      case 'footnote':
        valueUpdate ??= { period: change.period, entry: {} };
        valueUpdate.entry[change.field] = change.value;
        break;
      case 'status': {
        const comment = event.type === 'IndicatorStatusReported' ? (event.data.comment ?? null) : null;
        draft.statuses[change.period] = { status: change.value, comment };
        break;
      }
      case 'comparator':
        draft.comparators[change.period] ??= {};
        draft.comparators[change.period]![change.value.kind] = change.value;
        break;
      case 'comment':
        draft.comments[change.period ?? ''] = { period: change.period, text: change.value, effectiveOn };
        break;
      default:
        // Exhaustive: a new field fails to compile until the evolver applies it.
        change satisfies never;
    }
  }
  if (valueUpdate !== undefined)
    applyValue(draft, event, valueUpdate.period, valueUpdate.entry, effectiveOn, streamVersion);
}

function applyValue(
  draft: Draft<IndicatorState>,
  event: EvolvableEvent,
  period: string,
  update: Partial<Record<keyof IndicatorValueEntry, unknown>>,
  effectiveOn: BusinessDate,
  streamVersion: number,
): void {
  const entry: IndicatorValueEntry = {
    value: update.value as IndicatorValueEntry['value'],
    quality: update.quality as IndicatorQuality,
    missingReason: (update.missingReason ?? null) as string | null,
    footnote: (update.footnote ?? null) as string | null,
  };
  const previous = draft.values[period];
  const corrections = previous === undefined ? [] : [...previous.corrections];
  if (event.type === 'IndicatorValueCorrected') {
    corrections.push({
      from: previous === undefined ? event.data.from : previous.value,
      to: entry.value,
      reason: event.data.reason,
      effectiveOn,
      streamVersion,
    });
  }
  const next: IndicatorPeriodValue = {
    ...entry,
    // The first value recorded for the period is never lost, however often it is corrected.
    first: previous === undefined ? entry : previous.first,
    corrections,
    effectiveOn,
  };
  draft.values[period] = next as Draft<IndicatorPeriodValue>;
}

/**
 * Folds an indicator's events (in stream order) into its state; with `asAt`, only the events
 * effective on or before that business date. Which events are passed decides the "as known"
 * axis. Undefined when the indicator is not registered among them.
 *
 * @example
 * ```ts
 * foldIndicator(await ledger.readStream('indicator:BV12'));
 * ```
 */
export function foldIndicator(
  events: readonly EvolvableEvent[],
  asAt?: BusinessDate,
): IndicatorState | undefined {
  const ordered = events.some(
    (event, i) => i > 0 && (event.streamVersion ?? 0) < (events[i - 1]!.streamVersion ?? 0),
  )
    ? [...events].sort((a, b) => (a.streamVersion ?? 0) - (b.streamVersion ?? 0))
    : events;
  let state: IndicatorState | undefined;
  for (const event of ordered) {
    if (asAt !== undefined && event.effectiveOn > asAt && event.type !== 'IndicatorRegistered') continue;
    state = evolveIndicator(state, event);
  }
  return state;
}
