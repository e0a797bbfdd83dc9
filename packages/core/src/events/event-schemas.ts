import { z } from 'zod';
import { businessDateSchema } from '../time/index.js';
import { actionCodeSchema, noteSchema, text } from './text-fields.js';

/** How an action was closed: done, or abandoned (cancelled or postponed indefinitely). */
export const closeOutcomeSchema = z.enum(['completed', 'cancelled']);

/** `ActionRegistered` v1: an action enters the plan. */
export const actionRegisteredSchema = z.strictObject({
  code: actionCodeSchema,
  title: text(500),
  description: text(5_000).optional(),
  plan: text(200),
  directorate: text(200),
  section: text(200),
  owner: text(200).optional(),
  dueDate: businessDateSchema,
  statusKey: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a status key id such as "rag"'),
  note: noteSchema,
});

/** `ProgressUpdated` v1: the percentage complete, an integer from 0 to 100. */
export const progressUpdatedSchema = z.strictObject({
  percentComplete: z.number().int('must be a whole number').min(0).max(100),
  note: noteSchema,
});

/** `StatusChanged` v1: the officer-reported status, a canonical value of the action's status key. */
export const statusChangedSchema = z.strictObject({
  status: text(100),
  note: noteSchema,
});

/** `DueDateRevised` v1: the due date moves; the reason is required, approval is recorded when known. */
export const dueDateRevisedSchema = z.strictObject({
  from: businessDateSchema,
  to: businessDateSchema,
  reason: text(5_000),
  approver: text(200).optional(),
  approvalReference: text(200).optional(),
  note: noteSchema,
});

/** `ActionClosed` v1: the action is finished, as completed or cancelled. */
export const actionClosedSchema = z.strictObject({
  outcome: closeOutcomeSchema,
  note: noteSchema,
});

/** `ActionReopened` v1: a closed action is open again, for a stated reason. */
export const actionReopenedSchema = z.strictObject({
  reason: text(5_000),
  note: noteSchema,
});

/** The descriptive fields of an action that can be amended after registration. */
export const amendableFieldsSchema = z.strictObject({
  title: text(500).optional(),
  description: text(5_000).optional(),
  owner: text(200).optional(),
  directorate: text(200).optional(),
  section: text(200).optional(),
  plan: text(200).optional(),
});

/** `ActionDetailsAmended` v1: one or more descriptive fields change; only changed fields are present. */
export const actionDetailsAmendedSchema = amendableFieldsSchema
  .extend({ note: noteSchema })
  .refine(
    (value) => Object.keys(value).some((key) => key !== 'note'),
    'must change at least one of title, description, owner, directorate, section, plan',
  );

/** `CommentAdded` v1: the officer's commentary for the period. */
export const commentAddedSchema = z.strictObject({
  comment: text(10_000),
  note: noteSchema,
});
