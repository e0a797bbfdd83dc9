import { z } from 'zod';
import { actionCodeSchema, noteSchema, text } from '../events/text-fields.js';
import { indicatorPeriodLabelSchema } from '../time/indicator-period.js';
import {
  indicatorFrequencySchema,
  indicatorNumberSchema,
  indicatorPolaritySchema,
  indicatorQualitySchema,
  indicatorTargetSchema,
  indicatorToleranceSchema,
  indicatorUnitSchema,
  indicatorValueSchema,
} from './indicator-vocabulary.js';

const reasonText = text(10_000);
const statusKeyId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a status key id such as "rag"');

/**
 * `IndicatorRegistered` v1: an indicator (KPI, CSI, key measure) enters the ledger, in the
 * stream `indicator:<code>`. Codes follow the action code rules ("BV12", "LALocal_07").
 *
 * @example
 * ```ts
 * indicatorRegisteredSchema.parse({
 *   code: 'BV12', title: 'Working Days Lost Due to Sickness Absence', unit: 'days', polarity: 'lower',
 *   frequency: 'quarterly', plan: 'Corporate Plan 2018-23', statusKey: 'pentana-indicator',
 * });
 * ```
 */
export const indicatorRegisteredSchema = z.strictObject({
  code: actionCodeSchema,
  title: text(500),
  description: text(5_000).optional(),
  unit: indicatorUnitSchema,
  polarity: indicatorPolaritySchema,
  frequency: indicatorFrequencySchema,
  plan: text(200),
  directorate: text(200).optional(),
  section: text(200).optional(),
  owner: text(200).optional(),
  statusKey: statusKeyId,
  note: noteSchema,
});

/**
 * The descriptive fields of an indicator that can be amended after registration. Unit,
 * polarity and frequency are not among them: every recorded value is read in them.
 *
 * @example
 * ```ts
 * indicatorAmendableFieldsSchema.parse({ owner: 'Head of HR' });
 * ```
 */
export const indicatorAmendableFieldsSchema = z.strictObject({
  title: text(500).optional(),
  description: text(5_000).optional(),
  plan: text(200).optional(),
  directorate: text(200).optional(),
  section: text(200).optional(),
  owner: text(200).optional(),
});

/**
 * `IndicatorDetailsAmended` v1: one or more descriptive fields change; only changed fields are present.
 *
 * @example
 * ```ts
 * indicatorDetailsAmendedSchema.parse({ owner: 'Head of HR' });
 * ```
 */
export const indicatorDetailsAmendedSchema = indicatorAmendableFieldsSchema
  .extend({ note: noteSchema })
  .refine(
    (value) => Object.keys(value).some((key) => key !== 'note'),
    'must change at least one of title, description, plan, directorate, section, owner',
  );

/**
 * `IndicatorTargetSet` v1: the target for one period (null: no target, the "-" of a table).
 * A second target for the same period is a revision: it carries `from` (the target it
 * replaces) and a reason, like a due-date revision, so the first target is never lost.
 *
 * @example
 * ```ts
 * indicatorTargetSetSchema.parse({ period: '2019/20', target: 7.5, approver: 'Corporate Management Team' });
 * indicatorTargetSetSchema.parse({ period: '2019/20', target: 8, from: 7.5, reason: 'Budget cut' });
 * ```
 */
export const indicatorTargetSetSchema = z
  .strictObject({
    period: indicatorPeriodLabelSchema,
    target: indicatorTargetSchema.nullable(),
    /** The target this revises (null: there was none); absent on a period's first target. */
    from: indicatorTargetSchema.nullable().optional(),
    reason: reasonText.optional(),
    approver: text(200).optional(),
    note: noteSchema,
  })
  .refine((data) => data.from === undefined || data.reason !== undefined, {
    message: 'a revised target needs a reason',
    path: ['reason'],
  });

/**
 * `IndicatorToleranceSet` v1: the RAG rule in force from the event's effective date on, until
 * a later one; `from` is the rule it replaces, when there was one.
 *
 * @example
 * ```ts
 * indicatorToleranceSetSchema.parse({ tolerance: { kind: 'percent', amber: 5 }, reason: 'Audit committee, 12 March 2019' });
 * ```
 */
export const indicatorToleranceSetSchema = z.strictObject({
  tolerance: indicatorToleranceSchema,
  from: indicatorToleranceSchema.optional(),
  reason: reasonText.optional(),
  approver: text(200).optional(),
  note: noteSchema,
});

const valueFields = {
  period: indicatorPeriodLabelSchema,
  quality: indicatorQualitySchema,
  /** Why there is no value ("not collected this quarter"), when it is missing. */
  missingReason: reasonText.optional(),
  /** A footnote printed beside the value ("*July 2019 figure"). */
  footnote: text(1_000).optional(),
  note: noteSchema,
};

function missingMatchesNull(
  data: { quality: string; missingReason?: string | undefined },
  value: unknown,
  context: z.RefinementCtx,
): void {
  if ((value === null) !== (data.quality === 'missing')) {
    context.addIssue({
      code: 'custom',
      path: ['quality'],
      message: 'a missing value (null) has quality "missing", and only a missing value has it',
    });
  }
  if (data.missingReason !== undefined && value !== null) {
    context.addIssue({
      code: 'custom',
      path: ['missingReason'],
      message: 'only a missing value has a missing reason',
    });
  }
}

/**
 * `IndicatorValueRecorded` v1: the value for one period, with its quality. A missing value is
 * null with quality `missing` (and optionally a reason), never a zero.
 *
 * @example
 * ```ts
 * indicatorValueRecordedSchema.parse({ period: '2019/20 Q1', value: 9.3, quality: 'final', footnote: '*July 2019 figure' });
 * ```
 */
export const indicatorValueRecordedSchema = z
  .strictObject({ value: indicatorValueSchema, ...valueFields })
  .superRefine((data, context) => missingMatchesNull(data, data.value, context));

/**
 * `IndicatorValueCorrected` v1: a period's value was wrong and this is what it should be.
 * `from` and `fromQuality` are the value and quality corrected; the first value recorded
 * stays in the log and in every read model. A reason is required.
 *
 * @example
 * ```ts
 * indicatorValueCorrectedSchema.parse({ period: '2019/20 Q1', from: 9.3, fromQuality: 'provisional', value: 9.1, quality: 'final', reason: 'Payroll data revised' });
 * ```
 */
export const indicatorValueCorrectedSchema = z
  .strictObject({
    from: indicatorValueSchema,
    fromQuality: indicatorQualitySchema,
    value: indicatorValueSchema,
    ...valueFields,
    reason: reasonText,
  })
  .superRefine((data, context) => missingMatchesNull(data, data.value, context));

/**
 * `IndicatorStatusReported` v1: the officer's own status for a period, a canonical value of
 * the indicator's status key. It may disagree with the figures; readers show both.
 *
 * @example
 * ```ts
 * indicatorStatusReportedSchema.parse({ period: '2019/20 Q1', status: 'Satisfactory', comment: 'One complaint, resolved' });
 * ```
 */
export const indicatorStatusReportedSchema = z.strictObject({
  period: indicatorPeriodLabelSchema,
  status: text(100),
  comment: text(10_000).optional(),
  note: noteSchema,
});

/**
 * `IndicatorComparatorRecorded` v1: a comparator figure for a period (national, family group,
 * or another kind in words) with its source. A later one of the same kind and period replaces it.
 *
 * @example
 * ```ts
 * indicatorComparatorRecordedSchema.parse({ period: '2018/19', kind: 'national', value: 8.4, source: 'LG Inform, 2019' });
 * ```
 */
export const indicatorComparatorRecordedSchema = z.strictObject({
  period: indicatorPeriodLabelSchema,
  kind: text(100),
  value: indicatorNumberSchema,
  source: text(500),
  note: noteSchema,
});

/**
 * `IndicatorCommented` v1: a note on the indicator, for one period or in general.
 *
 * @example
 * ```ts
 * indicatorCommentedSchema.parse({ period: '2019/20 Q1', text: 'Long-term sickness accounts for 60 %' });
 * ```
 */
export const indicatorCommentedSchema = z.strictObject({
  period: indicatorPeriodLabelSchema.optional(),
  text: text(10_000),
  note: noteSchema,
});
