import { type Draft, produce } from 'immer';
import type { LedgerEvent } from '../events/index.js';
import type { BusinessDate } from '../time/index.js';
import type { ActionClosure, ActionState } from './action-state.js';
import { fieldChangesOf } from './field-changes.js';

/** An event as the evolver needs it: the domain event, its effective date and its stream version. */
export type EvolvableEvent = LedgerEvent & {
  readonly effectiveOn: BusinessDate;
  readonly streamVersion?: number;
  readonly stream?: string;
};

/**
 * Applies one event to an action's state and returns the next state. Pure: the input is never
 * mutated (immer), so states can be shared and compared.
 *
 * @example
 * ```ts
 * const state = events.reduce(evolve, undefined);
 * ```
 */
export function evolve(state: ActionState | undefined, event: EvolvableEvent): ActionState | undefined {
  if (event.type === 'ActionRegistered') {
    const data = event.data;
    return Object.freeze({
      code: data.code,
      stream: event.stream ?? `action:${data.code}`,
      title: data.title,
      description: data.description ?? null,
      plan: data.plan,
      directorate: data.directorate,
      section: data.section,
      owner: data.owner ?? null,
      statusKey: data.statusKey,
      registeredOn: event.effectiveOn,
      originalDueDate: data.dueDate,
      dueDate: data.dueDate,
      dueDateRevisions: 0,
      percentComplete: null,
      status: null,
      closed: null,
      lastComment: null,
      eventCount: 1,
      version: event.streamVersion ?? 1,
      lastEffectiveOn: event.effectiveOn,
    });
  }
  // Not an action event (it lives in a report or return stream); an action's state ignores it.
  if (state === undefined || isNotAboutAnAction(event)) return state;
  return produce(state, (draft) => applyToDraft(draft, event));
}

/**
 * Applies one non-registration event to an immer draft of the state. Shared by {@link evolve}
 * (one draft per event) and `foldAction` (one draft per run of events, which is much cheaper
 * when a whole stream is folded).
 */
export function applyToDraft(draft: Draft<ActionState>, event: EvolvableEvent): void {
  if (event.type === 'ActionRegistered' || isNotAboutAnAction(event)) return;
  draft.eventCount += 1;
  draft.version = Math.max(draft.version, event.streamVersion ?? draft.version + 1);
  if (event.effectiveOn > draft.lastEffectiveOn) draft.lastEffectiveOn = event.effectiveOn;
  if (event.type === 'DueDateRevised') draft.dueDateRevisions += 1;
  for (const { field, value } of fieldChangesOf(event)) {
    switch (field) {
      case 'closed':
        draft.closed =
          value === null
            ? null
            : { outcome: value as ActionClosure['outcome'], effectiveOn: event.effectiveOn };
        break;
      case 'comment':
        draft.lastComment = { text: value as string, effectiveOn: event.effectiveOn };
        break;
      case 'percentComplete':
        draft.percentComplete = value as number;
        break;
      case 'description':
      case 'owner':
      case 'status':
        draft[field] = value as string | null;
        break;
      case 'originalDueDate':
      case 'dueDate':
        draft[field] = value as BusinessDate;
        break;
      case 'title':
      case 'plan':
      case 'directorate':
      case 'section':
      case 'statusKey':
        draft[field] = value as string;
        break;
      default:
        // Exhaustive: a new field fails to compile until the evolver applies it.
        field satisfies never;
    }
  }
}

/** Events that live outside action streams (publications, sign-off, indicators): no action's state changes. */
function isNotAboutAnAction(event: EvolvableEvent): boolean {
  return (
    event.type === 'ReportPublished' ||
    event.type === 'ReturnSubmitted' ||
    event.type === 'ReturnApproved' ||
    event.type.startsWith('Indicator')
  );
}
