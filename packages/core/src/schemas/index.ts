/**
 * @packageDocumentation
 * The zod schemas behind perfledger's commands, events and text fields, for tools that validate
 * input the same way the ledger does before sending it (an importer checking a spreadsheet cell,
 * a form). Import from `@perfledger/core/schemas`. The ledger applies them itself: an app that
 * only calls `ledger.execute` never needs them.
 *
 * @example
 * ```ts
 * import { registerActionSchema } from '@perfledger/core/schemas';
 * registerActionSchema.shape.title.safeParse('  Widen the bypass  ').success; // true (trimmed)
 * ```
 */
export {
  addCommentSchema,
  amendActionDetailsSchema,
  changeStatusSchema,
  closeActionSchema,
  commandSchema,
  correctDueDateSchema,
  recordReturnSchema,
  registerActionSchema,
  reopenActionSchema,
  reviseDueDateSchema,
  updateProgressSchema,
} from '../action/commands.js';
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
  fiscalYearLabelSchema,
  progressUpdatedSchema,
  reportFormatSchema,
  reportPublishedSchema,
  returnApprovedSchema,
  returnStatedSchema,
  returnSubmittedSchema,
  statusChangedSchema,
} from '../events/event-schemas.js';
export {
  actionCodeSchema,
  exactText,
  noteSchema,
  refuseHiddenCharacters,
  text,
} from '../events/text-fields.js';
export * from '../indicator/indicator-commands.js';
export * from '../indicator/indicator-events.js';
export {
  indicatorBandSchema,
  indicatorFrequencySchema,
  indicatorNumberSchema,
  indicatorPolaritySchema,
  indicatorQualitySchema,
  indicatorTargetSchema,
  indicatorToleranceSchema,
  indicatorUnitSchema,
  indicatorValueSchema,
} from '../indicator/indicator-vocabulary.js';
export { signedCheckpointSchema } from '../integrity/checkpoint.js';
export { businessDateSchema } from '../time/business-date.js';
export { writableBusinessDateSchema } from '../time/business-date-range.js';
export { indicatorPeriodInputSchema, indicatorPeriodLabelSchema } from '../time/indicator-period.js';
