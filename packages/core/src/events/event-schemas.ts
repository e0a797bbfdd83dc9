import { z } from 'zod';
import { BUSINESS_DATE_RANGE, businessDateSchema, writableBusinessDateSchema } from '../time/index.js';
import { actionCodeSchema, noteSchema, text } from './text-fields.js';

/**
 * The officer's own words for a due date that was given by period rather than by day ("Q4",
 * "Q4 2019/20", "2020/21", "March 2020"), kept beside the date it was read as (the period's last
 * day). Optional on every due-date event; events without it (all v1 events written before it
 * existed) read as before.
 *
 * @example
 * ```ts
 * dueDateTextSchema.parse('Q4 2019/20');
 * ```
 */
export const dueDateTextSchema = text(200);

/**
 * Marks a reason that is the officer's comment for the period, as a return gives it beside the
 * change (a status change, a closure, a due-date revision, a reopening): the reason is also the
 * action's latest comment, so no separate `CommentAdded` is needed.
 *
 * @example
 * ```ts
 * statusChangedSchema.parse({ status: 'Red', reason: 'Contractor went into administration', reasonIsComment: true });
 * ```
 */
export const reasonIsCommentSchema = z.literal(true).optional();

/** A stated reason for a change: long enough for any comment (`CommentAdded` allows 10 000). */
const reasonText = text(10_000);

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
  dueDate: writableBusinessDateSchema,
  /** The officer's words for the due date when given by period ("Q4 2019/20"). */
  dueDateText: dueDateTextSchema.optional(),
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
  /** Why the status changed, when stated: the comment that came with it, in an import. */
  reason: reasonText.optional(),
  reasonIsComment: reasonIsCommentSchema,
  note: noteSchema,
});

/** `DueDateRevised` v1: the due date moves; the reason is required, approval is recorded when known. */
export const dueDateRevisedSchema = z.strictObject({
  from: writableBusinessDateSchema,
  to: writableBusinessDateSchema,
  /** The officer's words for the new due date when given by period ("Q4 2020/21"). */
  dueDateText: dueDateTextSchema.optional(),
  reason: reasonText,
  reasonIsComment: reasonIsCommentSchema,
  approver: text(200).optional(),
  approvalReference: text(200).optional(),
  note: noteSchema,
});

/**
 * `DueDateCorrected` v1: the due date on record was wrong, and this is what it should have been.
 * Not a slip: the action's plan did not change, the record did. `recorded` is the value being
 * corrected, exactly as stored (it may lie outside `BUSINESS_DATE_RANGE`: correcting a "no end
 * date" marker such as 9999-12-31 that an older build accepted is what this event is for);
 * `corrected` is a date the ledger may write. `correctsOriginal` is true when the wrong value is
 * the one the action was registered with (no revision since), so the original due date becomes
 * the corrected one in every read model.
 *
 * @example
 * ```ts
 * dueDateCorrectedSchema.parse({ recorded: '9999-12-31', corrected: '2021-03-31', correctsOriginal: true, reason: 'No end date was entered as 31/12/9999' });
 * ```
 */
export const dueDateCorrectedSchema = z.strictObject({
  recorded: businessDateSchema,
  corrected: writableBusinessDateSchema,
  /** The officer's words for the corrected due date when given by period ("2020/21"). */
  dueDateText: dueDateTextSchema.optional(),
  correctsOriginal: z.boolean(),
  reason: reasonText,
  approver: text(200).optional(),
  approvalReference: text(200).optional(),
  note: noteSchema,
});

/** `ActionClosed` v1: the action is finished, as completed or cancelled. */
export const actionClosedSchema = z.strictObject({
  outcome: closeOutcomeSchema,
  /** Why it closed, when stated: the comment that came with the closure, in an import. */
  reason: reasonText.optional(),
  reasonIsComment: reasonIsCommentSchema,
  note: noteSchema,
});

/** `ActionReopened` v1: a closed action is open again, for a stated reason. */
export const actionReopenedSchema = z.strictObject({
  reason: reasonText,
  reasonIsComment: reasonIsCommentSchema,
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

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * A financial-year label as perfledger prints it: "2023/24" for a year spanning two calendar
 * years, "2023" for a January-start year. Only the canonical spelling is stored, so that one
 * quarter always has one stream.
 *
 * @example
 * ```ts
 * fiscalYearLabelSchema.parse('2023/24'); // '2023/24'; '2023-24' and '2023/25' are refused
 * ```
 */
export const fiscalYearLabelSchema = z
  .string()
  .regex(/^\d{4}(?:\/\d{2})?$/, 'must be a financial-year label such as "2023/24" or "2023"')
  .refine((label) => {
    const [first, second] = label.split('/');
    return second === undefined || Number(second) === (Number(first) + 1) % 100;
  }, 'the second year must follow the first, as in "2023/24"')
  .refine((label) => {
    // The years that hold a date of BUSINESS_DATE_RANGE, for any start month: 1899 to 2199.
    const first = Number(label.slice(0, 4));
    return (
      first >= Number(BUSINESS_DATE_RANGE.min.slice(0, 4)) - 1 &&
      first <= Number(BUSINESS_DATE_RANGE.max.slice(0, 4))
    );
  }, `must be a financial year holding dates of the business-date range ${BUSINESS_DATE_RANGE.min} to ${BUSINESS_DATE_RANGE.max}`);

/**
 * How a published report was rendered.
 *
 * @example
 * ```ts
 * reportFormatSchema.parse('html');
 * ```
 */
export const reportFormatSchema = z.enum(['json', 'html', 'md', 'csv', 'table']);

/**
 * `ReportPublished` v1: a quarter-end report was published. It records exactly what the report
 * was based on (the log's position and head hash then) and the SHA-256 of the bytes published,
 * so anyone can later re-render the report from the same log prefix and compare. Appended to
 * the stream `report:<fy>-Q<quarter>`, never to an action's stream.
 *
 * @example
 * ```ts
 * reportPublishedSchema.parse({
 *   fy: '2023/24', quarter: 3, basedOnPosition: 1204, basedOnHeadHash: head.hash,
 *   contentHash: contentHash(html), format: 'html', generator: '@perfledger/quarter-end@0.1.0',
 * });
 * ```
 */
export const reportPublishedSchema = z.strictObject({
  fy: fiscalYearLabelSchema,
  quarter: z.literal([1, 2, 3, 4], 'must be a quarter number 1 to 4'),
  basedOnPosition: z.number().int('must be a whole number').min(0).max(Number.MAX_SAFE_INTEGER),
  basedOnHeadHash: z.string().regex(SHA256_HEX, 'must be 64 lowercase hex characters'),
  contentHash: z.string().regex(SHA256_HEX, 'must be the SHA-256 of the report, 64 lowercase hex characters'),
  format: reportFormatSchema,
  generator: text(200),
  reportId: text(200).optional(),
  /** The options the report was rendered with (grouping, warning window…), so it can be rendered again. */
  parameters: z
    .record(
      z
        .string()
        .regex(/^[a-zA-Z][a-zA-Z0-9]*$/)
        .max(64),
      text(200),
    )
    .optional(),
  note: noteSchema,
});

const quarterNumberSchema = z.literal([1, 2, 3, 4], 'must be a quarter number 1 to 4');

/**
 * `ReturnStated` v1: what the officer's quarterly return stated for one action at one quarter
 * end, changed or not: "Behind > 1 quarter" in Q2 is the Q2 statement even when Q1 said the
 * same. Appended to the action's stream, effective on the quarter's last day. A null field was
 * left blank in the return (nothing stated about it). A second statement for the same action
 * and quarter is a correction of that quarter's return; it restates that quarter only.
 *
 * @example
 * ```ts
 * returnStatedSchema.parse({
 *   fy: '2019/20', quarter: 2, status: 'Behind > 1 quarter', percentComplete: 40,
 *   dueDate: '2020-03-31', dueDateText: '31 March 2020', comment: 'Awaiting Land Registry',
 * });
 * ```
 */
export const returnStatedSchema = z.strictObject({
  fy: fiscalYearLabelSchema,
  quarter: quarterNumberSchema,
  status: text(100).nullable(),
  percentComplete: z.number().int('must be a whole number').min(0).max(100).nullable(),
  dueDate: writableBusinessDateSchema.nullable(),
  dueDateText: text(200).nullable(),
  comment: text(10_000).nullable(),
  note: noteSchema,
});

/**
 * `ReturnSubmitted` v1: one plan's return for a quarter was submitted for approval. Who
 * submitted it is the event's actor, when is its recorded time. Appended to the return's
 * stream (see `returnStream`), never to an action's stream.
 *
 * @example
 * ```ts
 * returnSubmittedSchema.parse({ fy: '2019/20', quarter: 1, plan: 'Promoting Prosperity PDP 2019-20', note: 'All 40 actions updated' });
 * ```
 */
export const returnSubmittedSchema = z.strictObject({
  fy: fiscalYearLabelSchema,
  quarter: quarterNumberSchema,
  plan: text(200),
  note: noteSchema,
});

/**
 * `ReturnApproved` v1: a submitted return was approved by someone other than its submitter
 * (the event's actor), for the statements recorded up to then. Appended to the return's stream.
 *
 * @example
 * ```ts
 * returnApprovedSchema.parse({ fy: '2019/20', quarter: 1, plan: 'Promoting Prosperity PDP 2019-20' });
 * ```
 */
export const returnApprovedSchema = z.strictObject({
  fy: fiscalYearLabelSchema,
  quarter: quarterNumberSchema,
  plan: text(200),
  note: noteSchema,
});

/**
 * `PersonalDataErased` v1: the text of personal-data fields of one earlier event was erased (its
 * side-table rows deleted; the event's salted digests stay in the chain). Appended by
 * `Ledger.erasePersonalData` to the stream `personal-data`, never to an action's stream. It holds
 * no personal data itself: who erased is the event's actor, when its recorded time, and `reason`
 * cites the request or retention rule ("Subject access request SAR-2024-017"), not the person.
 *
 * @example
 * ```ts
 * personalDataErasedSchema.parse({ position: 12, eventId: '0190…', fields: ['comment'], reason: 'Retention schedule R4: 6 years' });
 * ```
 */
export const personalDataErasedSchema = z.strictObject({
  /** The position of the event whose fields were erased. */
  position: z.number().int('must be a whole number').min(1).max(Number.MAX_SAFE_INTEGER),
  /** That event's id, so the erasure names it on any copy. */
  eventId: text(200),
  /** The fields erased, in name order. */
  fields: z
    .array(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'must be a field name'))
    .min(1)
    .max(32),
  reason: text(1_000),
});
