import { type Draft, produce } from 'immer';
import type { LedgerEvent } from '../events/index.js';
import type { BusinessDate } from '../time/index.js';
import type { ActionState } from './action-state.js';

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
      percentComplete: 0,
      status: null,
      closed: null,
      lastComment: null,
      eventCount: 1,
      version: event.streamVersion ?? 1,
      lastEffectiveOn: event.effectiveOn,
    });
  }
  // Not an action event (it lives in a report stream); an action's state ignores it.
  if (state === undefined || event.type === 'ReportPublished') return state;
  return produce(state, (draft) => applyToDraft(draft, event));
}

/**
 * Applies one non-registration event to an immer draft of the state. Shared by {@link evolve}
 * (one draft per event) and `foldAction` (one draft per run of events, which is much cheaper
 * when a whole stream is folded).
 */
export function applyToDraft(draft: Draft<ActionState>, event: EvolvableEvent): void {
  if (event.type === 'ActionRegistered' || event.type === 'ReportPublished') return;
  draft.eventCount += 1;
  draft.version = Math.max(draft.version, event.streamVersion ?? draft.version + 1);
  if (event.effectiveOn > draft.lastEffectiveOn) draft.lastEffectiveOn = event.effectiveOn;
  switch (event.type) {
    case 'ProgressUpdated':
      draft.percentComplete = event.data.percentComplete;
      break;
    case 'StatusChanged':
      draft.status = event.data.status;
      break;
    case 'DueDateRevised':
      draft.dueDate = event.data.to;
      draft.dueDateRevisions += 1;
      break;
    case 'DueDateCorrected':
      // Not a slip: the record was wrong. The revision count stays; the original due date is
      // replaced when the wrong value was the one registered.
      draft.dueDate = event.data.corrected;
      if (event.data.correctsOriginal) draft.originalDueDate = event.data.corrected;
      break;
    case 'ActionClosed':
      draft.closed = { outcome: event.data.outcome, effectiveOn: event.effectiveOn };
      break;
    case 'ActionReopened':
      draft.closed = null;
      break;
    case 'ActionDetailsAmended': {
      const { title, description, owner, directorate, section, plan } = event.data;
      if (title !== undefined) draft.title = title;
      if (description !== undefined) draft.description = description;
      if (owner !== undefined) draft.owner = owner;
      if (directorate !== undefined) draft.directorate = directorate;
      if (section !== undefined) draft.section = section;
      if (plan !== undefined) draft.plan = plan;
      break;
    }
    case 'CommentAdded':
      draft.lastComment = { text: event.data.comment, effectiveOn: event.effectiveOn };
      break;
    default:
      // Exhaustive: a new event type fails to compile until the evolver handles it.
      event satisfies never;
  }
}
