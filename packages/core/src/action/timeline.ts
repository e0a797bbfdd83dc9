import { produce } from 'immer';
import type { BusinessDate } from '../time/index.js';
import type { ActionState } from './action-state.js';
import { applyToDraft, type EvolvableEvent, evolve } from './evolve.js';

/** An event with the two coordinates that order a timeline: effective date, then recorded order. */
export type TimelineEvent = EvolvableEvent & { readonly streamVersion: number };

/**
 * Orders an action's events as the world saw them: by effective date, and for one date by the
 * order the ledger recorded them. A back-dated correction therefore lands where it belongs.
 *
 * @example
 * ```ts
 * const ordered = effectiveOrder(ledger.readStream('action:FP1922_02'));
 * ```
 */
export function effectiveOrder<T extends TimelineEvent>(events: readonly T[]): T[] {
  return [...events].sort((a, b) =>
    a.effectiveOn === b.effectiveOn
      ? a.streamVersion - b.streamVersion
      : a.effectiveOn < b.effectiveOn
        ? -1
        : 1,
  );
}

/**
 * Folds an action's events into its state as at a business date (inclusive); all of them when
 * `asAt` is omitted. Which events are passed decides the "as known" axis.
 *
 * @example
 * ```ts
 * const known = events.filter((e) => e.position <= 42);
 * foldAction(known, '2023-12-31' as BusinessDate);
 * ```
 */
export function foldAction(events: readonly TimelineEvent[], asAt?: BusinessDate): ActionState | undefined {
  const ordered = effectiveOrder(events);
  const end = asAt === undefined ? ordered.length : ordered.findIndex((event) => event.effectiveOn > asAt);
  const last = end === -1 ? ordered.length : end;
  let state: ActionState | undefined;
  let i = 0;
  while (i < last) {
    const event = ordered[i]!;
    if (state === undefined || event.type === 'ActionRegistered') {
      state = evolve(state, event);
      i += 1;
      continue;
    }
    // Equivalent to evolve() event by event, but one immer draft for the whole run of events up
    // to the next registration: a stream folds in one copy-on-write pass instead of one per event.
    let j = i;
    state = produce(state, (draft) => {
      for (; j < last && ordered[j]!.type !== 'ActionRegistered'; j++) applyToDraft(draft, ordered[j]!);
    });
    i = j;
  }
  return state;
}
