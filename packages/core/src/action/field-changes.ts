import type { EventDataMap, EventType, LedgerEvent } from '../events/index.js';

/**
 * The fields of an action that events set, named as on {@link ActionState}. `closed` holds the
 * outcome (`'completed'`, `'cancelled'`), or null once reopened; `comment` the latest comment.
 *
 * @example
 * ```ts
 * const field: ActionField = 'dueDate';
 * ```
 */
export type ActionField =
  | 'title'
  | 'description'
  | 'plan'
  | 'directorate'
  | 'section'
  | 'owner'
  | 'statusKey'
  | 'originalDueDate'
  | 'dueDate'
  | 'percentComplete'
  | 'status'
  | 'closed'
  | 'comment';

/** One field an event sets, and its new value (null clears it). */
export interface FieldChange {
  readonly field: ActionField;
  readonly value: string | number | null;
}

/** The reason as the action's latest comment, when the reason is the officer's comment. */
function commentOf(data: {
  readonly reason?: string | undefined;
  readonly reasonIsComment?: true | undefined;
}): FieldChange[] {
  return data.reasonIsComment === true && data.reason !== undefined
    ? [{ field: 'comment', value: data.reason }]
    : [];
}

const AMENDABLE = ['title', 'description', 'owner', 'directorate', 'section', 'plan'] as const;

/**
 * Which event changes which field: the one table that evolve, the audit trail, the quarter-end
 * view and slippage read. `satisfies` makes it exhaustive: a new event type fails to compile
 * until it says which fields it sets. A registration lists only what it names; readers that
 * need a registration to reset the other fields (a fresh state) do that themselves.
 */
const FIELD_CHANGES = {
  ActionRegistered: (data) => {
    const changes: FieldChange[] = [
      { field: 'title', value: data.title },
      { field: 'plan', value: data.plan },
      { field: 'directorate', value: data.directorate },
      { field: 'section', value: data.section },
      { field: 'statusKey', value: data.statusKey },
      { field: 'originalDueDate', value: data.dueDate },
      { field: 'dueDate', value: data.dueDate },
    ];
    if (data.description !== undefined) changes.push({ field: 'description', value: data.description });
    if (data.owner !== undefined) changes.push({ field: 'owner', value: data.owner });
    return changes;
  },
  ProgressUpdated: (data) => [{ field: 'percentComplete', value: data.percentComplete }],
  // A reason that is the officer's comment for the period is also the action's latest comment.
  StatusChanged: (data) => [{ field: 'status', value: data.status }, ...commentOf(data)],
  DueDateRevised: (data) => [{ field: 'dueDate', value: data.to }, ...commentOf(data)],
  // The record was wrong: the corrected date replaces it, and replaces the original due date too
  // when the wrong value was the registered one. Not a slip.
  DueDateCorrected: (data) =>
    data.correctsOriginal
      ? [
          { field: 'originalDueDate', value: data.corrected },
          { field: 'dueDate', value: data.corrected },
        ]
      : [{ field: 'dueDate', value: data.corrected }],
  ActionClosed: (data) => [{ field: 'closed', value: data.outcome }, ...commentOf(data)],
  ActionReopened: (data) => [{ field: 'closed', value: null }, ...commentOf(data)],
  ActionDetailsAmended: (data) => {
    const changes: FieldChange[] = [];
    for (const field of AMENDABLE) {
      const value = data[field];
      if (value !== undefined) changes.push({ field, value });
    }
    return changes;
  },
  CommentAdded: (data) => [{ field: 'comment', value: data.comment }],
  // A published report describes no action.
  ReportPublished: () => [],
  // A return sets what it states (a blank leaves the field as it was). Effective on its quarter
  // end, so a later quarter's statement stands at that quarter's end even after a back-dated
  // correction of an earlier quarter. A due date it states is not a revision: revisions (with
  // their from and to) are recorded by DueDateRevised, which slippage reads.
  ReturnStated: (data) => {
    const changes: FieldChange[] = [];
    if (data.percentComplete !== null)
      changes.push({ field: 'percentComplete', value: data.percentComplete });
    if (data.status !== null) changes.push({ field: 'status', value: data.status });
    if (data.comment !== null) changes.push({ field: 'comment', value: data.comment });
    return changes;
  },
  // Sign-off describes a plan's return, not an action.
  ReturnSubmitted: () => [],
  ReturnApproved: () => [],
  // Indicator events describe an indicator (see indicator/indicator-field-changes.ts), no action.
  IndicatorRegistered: () => [],
  IndicatorDetailsAmended: () => [],
  IndicatorTargetSet: () => [],
  IndicatorToleranceSet: () => [],
  IndicatorValueRecorded: () => [],
  IndicatorValueCorrected: () => [],
  IndicatorStatusReported: () => [],
  IndicatorComparatorRecorded: () => [],
  IndicatorCommented: () => [],
} satisfies { readonly [T in EventType]: (data: EventDataMap[T]) => readonly FieldChange[] };

/**
 * The action fields one event sets and their new values, from the one table of which event
 * changes which field.
 *
 * @example
 * ```ts
 * fieldChangesOf({ type: 'DueDateRevised', data: { from: '2020-03-31', to: '2020-12-31', reason: 'Land Registry' } });
 * // [{ field: 'dueDate', value: '2020-12-31' }]
 * ```
 */
export function fieldChangesOf(event: LedgerEvent): readonly FieldChange[] {
  return (FIELD_CHANGES[event.type] as (data: unknown) => readonly FieldChange[])(event.data);
}
