import type { z } from 'zod';
import {
  indicatorCommentedSchema,
  indicatorComparatorRecordedSchema,
  indicatorDetailsAmendedSchema,
  indicatorRegisteredSchema,
  indicatorStatusReportedSchema,
  indicatorTargetSetSchema,
  indicatorToleranceSetSchema,
  indicatorValueCorrectedSchema,
  indicatorValueRecordedSchema,
} from '../indicator/indicator-events.js';
import {
  actionClosedSchema,
  actionDetailsAmendedSchema,
  actionRegisteredSchema,
  actionReopenedSchema,
  commentAddedSchema,
  dueDateCorrectedSchema,
  dueDateRevisedSchema,
  progressUpdatedSchema,
  reportPublishedSchema,
  returnApprovedSchema,
  returnStatedSchema,
  returnSubmittedSchema,
  statusChangedSchema,
} from './event-schemas.js';

/**
 * Every event type perfledger records, with the schema and version of its current shape.
 * Older stored versions are brought to these shapes by upcasters when read.
 *
 * @example
 * ```ts
 * eventCatalogue.DueDateRevised.schemaVersion // 1
 * ```
 */
export const eventCatalogue = {
  ActionRegistered: { schemaVersion: 1, schema: actionRegisteredSchema },
  ProgressUpdated: { schemaVersion: 1, schema: progressUpdatedSchema },
  StatusChanged: { schemaVersion: 1, schema: statusChangedSchema },
  DueDateRevised: { schemaVersion: 1, schema: dueDateRevisedSchema },
  DueDateCorrected: { schemaVersion: 1, schema: dueDateCorrectedSchema },
  ActionClosed: { schemaVersion: 1, schema: actionClosedSchema },
  ActionReopened: { schemaVersion: 1, schema: actionReopenedSchema },
  ActionDetailsAmended: { schemaVersion: 1, schema: actionDetailsAmendedSchema },
  CommentAdded: { schemaVersion: 1, schema: commentAddedSchema },
  ReportPublished: { schemaVersion: 1, schema: reportPublishedSchema },
  ReturnStated: { schemaVersion: 1, schema: returnStatedSchema },
  ReturnSubmitted: { schemaVersion: 1, schema: returnSubmittedSchema },
  ReturnApproved: { schemaVersion: 1, schema: returnApprovedSchema },
  IndicatorRegistered: { schemaVersion: 1, schema: indicatorRegisteredSchema },
  IndicatorDetailsAmended: { schemaVersion: 1, schema: indicatorDetailsAmendedSchema },
  IndicatorTargetSet: { schemaVersion: 1, schema: indicatorTargetSetSchema },
  IndicatorToleranceSet: { schemaVersion: 1, schema: indicatorToleranceSetSchema },
  IndicatorValueRecorded: { schemaVersion: 1, schema: indicatorValueRecordedSchema },
  IndicatorValueCorrected: { schemaVersion: 1, schema: indicatorValueCorrectedSchema },
  IndicatorStatusReported: { schemaVersion: 1, schema: indicatorStatusReportedSchema },
  IndicatorComparatorRecorded: { schemaVersion: 1, schema: indicatorComparatorRecordedSchema },
  IndicatorCommented: { schemaVersion: 1, schema: indicatorCommentedSchema },
} as const;

/** The name of an event type in the catalogue, such as `'DueDateRevised'`. */
export type EventType = keyof typeof eventCatalogue;

/** The data of each event type, inferred from its schema. */
export type EventDataMap = { [K in EventType]: z.output<(typeof eventCatalogue)[K]['schema']> };

/**
 * A domain event: its type and its data, with nothing about storage.
 *
 * @example
 * ```ts
 * const event: LedgerEvent = { type: 'ProgressUpdated', data: { percentComplete: 58 } };
 * ```
 */
export type LedgerEvent = {
  [K in EventType]: { readonly type: K; readonly data: EventDataMap[K] };
}[EventType];

/** The event of one given type. */
export type LedgerEventOf<K extends EventType> = Extract<LedgerEvent, { type: K }>;

/** The event types, in catalogue order. */
export const eventTypes = Object.freeze(Object.keys(eventCatalogue) as EventType[]);

/**
 * True when `type` names an event in the catalogue.
 *
 * @example
 * ```ts
 * isEventType('ActionClosed') // true
 * ```
 */
export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventCatalogue, type);
}
