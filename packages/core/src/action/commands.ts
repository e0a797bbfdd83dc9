import { z } from 'zod';
import { fiscalYearLabelSchema } from '../events/event-schemas.js';
import {
  actionCodeSchema,
  closeOutcomeSchema,
  dueDateTextSchema,
  noteSchema,
  reasonIsCommentSchema,
  refuseHiddenCharacters,
  text,
} from '../events/index.js';
import { type IndicatorCommand, indicatorCommandSchemas } from '../indicator/indicator-commands.js';
import { writableBusinessDateSchema } from '../time/index.js';

// Every date a command carries is a date the ledger may write: within BUSINESS_DATE_RANGE.
const base = {
  code: actionCodeSchema,
  /** The business date the change is true from; the ledger's today when omitted. */
  effectiveOn: writableBusinessDateSchema.optional(),
  note: noteSchema,
};

/** Register a new action in a plan. */
export const registerActionSchema = z.strictObject({
  type: z.literal('RegisterAction'),
  ...base,
  title: text(500),
  description: text(5_000).optional(),
  plan: text(200),
  directorate: text(200),
  section: text(200),
  owner: text(200).optional(),
  dueDate: writableBusinessDateSchema,
  /** The officer's words for the due date when given by period ("Q4 2019/20"), kept beside it. */
  dueDateText: dueDateTextSchema.optional(),
  /** A status key id such as `rag` or `pentana`; matched case-insensitively. */
  statusKey: z
    .string()
    .superRefine(refuseHiddenCharacters)
    .trim()
    .min(1)
    .max(64)
    .transform((id) => id.toLowerCase()),
});

/** Report the percentage complete (an integer from 0 to 100). */
export const updateProgressSchema = z.strictObject({
  type: z.literal('UpdateProgress'),
  ...base,
  percentComplete: z.number().int('must be a whole number').min(0).max(100),
});

/** Report a status; any spelling or case of a value of the action's status key is accepted. */
export const changeStatusSchema = z.strictObject({
  type: z.literal('ChangeStatus'),
  ...base,
  status: text(100),
  /** Why the status changed (optional). */
  reason: text(10_000).optional(),
  /** The reason is the officer's comment for the period: it also becomes the latest comment. */
  reasonIsComment: reasonIsCommentSchema,
});

/** Move the due date; a reason is required, approval is recorded when known. */
export const reviseDueDateSchema = z.strictObject({
  type: z.literal('ReviseDueDate'),
  ...base,
  to: writableBusinessDateSchema,
  /** The officer's words for the new due date when given by period ("Q4 2020/21"). */
  dueDateText: dueDateTextSchema.optional(),
  reason: text(10_000),
  /** The reason is the officer's comment for the period: it also becomes the latest comment. */
  reasonIsComment: reasonIsCommentSchema,
  approver: text(200).optional(),
  approvalReference: text(200).optional(),
});

/**
 * Correct a due date that was recorded wrongly (a "no end date" marker such as 9999-12-31, or a
 * typing slip): the action's due date becomes `to` without counting as a slip. When the action
 * has had no revision, its original due date becomes `to` as well. A reason is required.
 * Accepted on closed actions too, since it corrects the record, not the delivery.
 */
export const correctDueDateSchema = z.strictObject({
  type: z.literal('CorrectDueDate'),
  ...base,
  to: writableBusinessDateSchema,
  /** The officer's words for the corrected due date when given by period ("2020/21"). */
  dueDateText: dueDateTextSchema.optional(),
  reason: text(10_000),
  approver: text(200).optional(),
  approvalReference: text(200).optional(),
});

/** Close the action as completed or cancelled. */
export const closeActionSchema = z.strictObject({
  type: z.literal('CloseAction'),
  ...base,
  outcome: closeOutcomeSchema,
  /** Why it closed (optional). */
  reason: text(10_000).optional(),
  /** The reason is the officer's comment for the period: it also becomes the latest comment. */
  reasonIsComment: reasonIsCommentSchema,
});

/** Reopen a closed action, for a stated reason. */
export const reopenActionSchema = z.strictObject({
  type: z.literal('ReopenAction'),
  ...base,
  reason: text(10_000),
  /** The reason is the officer's comment for the period: it also becomes the latest comment. */
  reasonIsComment: reasonIsCommentSchema,
});

/** Amend descriptive details; fields equal to the current ones are ignored. */
export const amendActionDetailsSchema = z.strictObject({
  type: z.literal('AmendActionDetails'),
  ...base,
  title: text(500).optional(),
  description: text(5_000).optional(),
  owner: text(200).optional(),
  directorate: text(200).optional(),
  section: text(200).optional(),
  plan: text(200).optional(),
});

/** Add the officer's commentary. */
export const addCommentSchema = z.strictObject({
  type: z.literal('AddComment'),
  ...base,
  comment: text(10_000),
});

/**
 * Record what a quarterly return stated for one action at one quarter end, changed or not. A
 * blank (null or omitted) field was not stated. `effectiveOn` must be the quarter's last day;
 * when omitted it is the quarter end of an April-start year (label "2019/20") or of a
 * January-start year (label "2019"). Recording the same statement again changes nothing; a
 * different statement for a quarter that already has one is a correction of that quarter.
 *
 * @example
 * ```ts
 * recordReturnSchema.parse({ type: 'RecordReturn', code: 'FP1922_02', fy: '2019/20', quarter: 2, status: 'Behind > 1 quarter', percentComplete: 40 });
 * ```
 */
export const recordReturnSchema = z.strictObject({
  type: z.literal('RecordReturn'),
  ...base,
  fy: fiscalYearLabelSchema,
  quarter: z.literal([1, 2, 3, 4], 'must be a quarter number 1 to 4'),
  status: text(100).nullable().optional(),
  percentComplete: z.number().int('must be a whole number').min(0).max(100).nullable().optional(),
  dueDate: writableBusinessDateSchema.nullable().optional(),
  dueDateText: text(200).nullable().optional(),
  comment: text(10_000).nullable().optional(),
});

const actionCommandSchemas = [
  registerActionSchema,
  updateProgressSchema,
  changeStatusSchema,
  reviseDueDateSchema,
  correctDueDateSchema,
  closeActionSchema,
  reopenActionSchema,
  amendActionDetailsSchema,
  addCommentSchema,
  recordReturnSchema,
] as const;

/**
 * Every command the ledger accepts, discriminated on `type`: the action commands and the
 * indicator commands (`RegisterIndicator`, `RecordIndicatorValue`…).
 *
 * @example
 * ```ts
 * const command = commandSchema.parse({ type: 'UpdateProgress', code: 'FP1922_02', percentComplete: 90 });
 * ```
 */
export const commandSchema = z.discriminatedUnion('type', [
  ...actionCommandSchemas,
  ...indicatorCommandSchemas,
]);

/** A command, as validated. */
export type Command = z.output<typeof commandSchema>;

/** An action command (not an indicator command), as validated. */
export type ActionCommand = Exclude<Command, IndicatorCommand>;

/** A command as callers write it (dates as plain strings). */
export type CommandInput = z.input<typeof commandSchema>;

/** The command of one given type. */
export type CommandOf<K extends Command['type']> = Extract<Command, { type: K }>;
