export type {
  EnvelopeOf,
  EventEnvelope,
  EventMetadata,
  GlobalPosition,
  PendingEvent,
  RecordedAt,
} from './envelope.js';
export {
  type EventDataMap,
  type EventType,
  eventCatalogue,
  eventTypes,
  isEventType,
  type LedgerEvent,
  type LedgerEventOf,
} from './event-catalogue.js';
export {
  actionClosedSchema,
  actionDetailsAmendedSchema,
  actionRegisteredSchema,
  actionReopenedSchema,
  amendableFieldsSchema,
  closeOutcomeSchema,
  commentAddedSchema,
  dueDateCorrectedSchema,
  dueDateRevisedSchema,
  dueDateTextSchema,
  fiscalYearLabelSchema,
  progressUpdatedSchema,
  reasonIsCommentSchema,
  reportFormatSchema,
  reportPublishedSchema,
  returnApprovedSchema,
  returnStatedSchema,
  returnSubmittedSchema,
  statusChangedSchema,
} from './event-schemas.js';
export { actionCodeSchema, exactText, noteSchema, refuseHiddenCharacters, text } from './text-fields.js';
