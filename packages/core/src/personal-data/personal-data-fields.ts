import type { EventType } from '../events/event-catalogue.js';

/**
 * Which fields of each event type hold personal data: free text in which officers name people
 * (comments, stated reasons, notes, return commentary) and the names of approvers. The one list:
 * every engine seals exactly these fields on append, and only these can be erased. `satisfies`
 * makes it exhaustive, so a new event type fails to compile until it says which of its fields
 * are personal (an empty list when none are).
 *
 * Not listed, on purpose: titles, descriptions, plans, directorates and sections (they describe
 * the council's work, and reports group by them), `owner` (a post such as "Head of Housing" in
 * every plan perfledger has imported; a council that records people's names there can add it
 * here), due-date wording, status values, and everything in `ReportPublished` but its note.
 *
 * @example
 * ```ts
 * personalDataFields.CommentAdded; // ['comment', 'note']
 * ```
 */
export const personalDataFields = {
  ActionRegistered: ['note'],
  ProgressUpdated: ['note'],
  StatusChanged: ['reason', 'note'],
  DueDateRevised: ['reason', 'approver', 'note'],
  DueDateCorrected: ['reason', 'approver', 'note'],
  ActionClosed: ['reason', 'note'],
  ActionReopened: ['reason', 'note'],
  ActionDetailsAmended: ['note'],
  CommentAdded: ['comment', 'note'],
  ReportPublished: ['note'],
  ReturnStated: ['comment', 'note'],
  ReturnSubmitted: ['note'],
  ReturnApproved: ['note'],
  IndicatorRegistered: ['note'],
  IndicatorDetailsAmended: ['note'],
  IndicatorTargetSet: ['reason', 'approver', 'note'],
  IndicatorToleranceSet: ['reason', 'approver', 'note'],
  IndicatorValueRecorded: ['missingReason', 'note'],
  IndicatorValueCorrected: ['reason', 'note'],
  IndicatorStatusReported: ['comment', 'note'],
  IndicatorComparatorRecorded: ['note'],
  IndicatorCommented: ['text', 'note'],
  // The erasure itself holds no personal data: its reason cites the request, not the person.
  PersonalDataErased: [],
} as const satisfies { readonly [T in EventType]: readonly string[] };

/**
 * The personal-data fields of an event type (none for a type outside the catalogue).
 *
 * @example
 * ```ts
 * personalFieldsOf('StatusChanged'); // ['reason', 'note']
 * ```
 */
export function personalFieldsOf(type: string): readonly string[] {
  return Object.hasOwn(personalDataFields, type)
    ? personalDataFields[type as keyof typeof personalDataFields]
    : [];
}
