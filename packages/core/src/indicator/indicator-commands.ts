import { z } from 'zod';
import { actionCodeSchema, noteSchema, refuseHiddenCharacters, text } from '../events/text-fields.js';
import { writableBusinessDateSchema } from '../time/business-date-range.js';
import { indicatorPeriodInputSchema } from '../time/indicator-period.js';
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

// Period facts are effective on the period's last day unless `effectiveOn` says otherwise.
const base = {
  code: actionCodeSchema,
  /** The business date the fact is true from; the period's last day (or the ledger's today) when omitted. */
  effectiveOn: writableBusinessDateSchema.optional(),
  note: noteSchema,
};

/** Any spelling of a period ("Q1 2019/20", "June 2019"), stored as its label ("2019/20 Q1", "2019-06"). */
const period = indicatorPeriodInputSchema;

/**
 * Register an indicator. `statusKey` is matched case-insensitively (`pentana-indicator`, `rag`, a custom key).
 *
 * @example
 * ```ts
 * registerIndicatorSchema.parse({ type: 'RegisterIndicator', code: 'BV12', title: 'Working Days Lost Due to Sickness Absence', unit: 'days', polarity: 'lower', frequency: 'quarterly', plan: 'Corporate Plan 2018-23', statusKey: 'pentana-indicator' });
 * ```
 */
export const registerIndicatorSchema = z.strictObject({
  type: z.literal('RegisterIndicator'),
  ...base,
  title: text(500),
  description: text(5_000).optional(),
  unit: indicatorUnitSchema,
  polarity: indicatorPolaritySchema,
  frequency: indicatorFrequencySchema,
  plan: text(200),
  directorate: text(200).optional(),
  section: text(200).optional(),
  owner: text(200).optional(),
  statusKey: z
    .string()
    .superRefine(refuseHiddenCharacters)
    .trim()
    .min(1)
    .max(64)
    .transform((id) => id.toLowerCase()),
});

/**
 * Amend an indicator's descriptive details; fields equal to the current ones are ignored.
 *
 * @example
 * ```ts
 * amendIndicatorSchema.parse({ type: 'AmendIndicator', code: 'BV12', owner: 'Head of HR' });
 * ```
 */
export const amendIndicatorSchema = z.strictObject({
  type: z.literal('AmendIndicator'),
  ...base,
  title: text(500).optional(),
  description: text(5_000).optional(),
  plan: text(200).optional(),
  directorate: text(200).optional(),
  section: text(200).optional(),
  owner: text(200).optional(),
});

/**
 * Set the target for a period (null: no target). Setting a different target for a period that
 * has one is a revision and needs a reason; setting the same one again changes nothing.
 *
 * @example
 * ```ts
 * setIndicatorTargetSchema.parse({ type: 'SetIndicatorTarget', code: 'BV12', period: '2019/20', target: 7.5, approver: 'CMT' });
 * ```
 */
export const setIndicatorTargetSchema = z.strictObject({
  type: z.literal('SetIndicatorTarget'),
  ...base,
  period,
  target: indicatorTargetSchema.nullable(),
  reason: text(10_000).optional(),
  approver: text(200).optional(),
});

/**
 * Set the RAG tolerance in force from `effectiveOn` (the ledger's today when omitted).
 *
 * @example
 * ```ts
 * setIndicatorToleranceSchema.parse({ type: 'SetIndicatorTolerance', code: 'BV12', effectiveOn: '2019-04-01', tolerance: { kind: 'percent', amber: 5 } });
 * ```
 */
export const setIndicatorToleranceSchema = z.strictObject({
  type: z.literal('SetIndicatorTolerance'),
  ...base,
  tolerance: indicatorToleranceSchema,
  reason: text(10_000).optional(),
  approver: text(200).optional(),
});

/**
 * Record a period's value: a number, true/false for a yes/no indicator, or null when missing
 * (then `quality` is `missing`, which is also its default for null; otherwise the default is
 * `final`). Recording the same value again changes nothing; a different one must be a
 * correction ({@link correctIndicatorValueSchema}).
 *
 * @example
 * ```ts
 * recordIndicatorValueSchema.parse({ type: 'RecordIndicatorValue', code: 'BV12', period: 'Q1 2019/20', value: 9.3, footnote: '*July 2019 figure' });
 * ```
 */
export const recordIndicatorValueSchema = z.strictObject({
  type: z.literal('RecordIndicatorValue'),
  ...base,
  period,
  value: indicatorValueSchema,
  quality: indicatorQualitySchema.optional(),
  missingReason: text(10_000).optional(),
  footnote: text(1_000).optional(),
});

/**
 * Correct a period's recorded value, for a reason; the first value is kept. `quality` defaults
 * to `final` (`missing` for null).
 *
 * @example
 * ```ts
 * correctIndicatorValueSchema.parse({ type: 'CorrectIndicatorValue', code: 'BV12', period: '2019/20 Q1', value: 9.1, reason: 'Payroll data revised' });
 * ```
 */
export const correctIndicatorValueSchema = z.strictObject({
  type: z.literal('CorrectIndicatorValue'),
  ...base,
  period,
  value: indicatorValueSchema,
  quality: indicatorQualitySchema.optional(),
  missingReason: text(10_000).optional(),
  footnote: text(1_000).optional(),
  reason: text(10_000),
});

/**
 * Report the officer's own status for a period: any spelling of a value of the indicator's key.
 *
 * @example
 * ```ts
 * reportIndicatorStatusSchema.parse({ type: 'ReportIndicatorStatus', code: 'LALocal_07', period: '2019/20 Q1', status: 'green' });
 * ```
 */
export const reportIndicatorStatusSchema = z.strictObject({
  type: z.literal('ReportIndicatorStatus'),
  ...base,
  period,
  status: text(100),
  comment: text(10_000).optional(),
});

/**
 * Record a comparator for a period: `national`, `family-group` or another kind, with its source.
 *
 * @example
 * ```ts
 * recordIndicatorComparatorSchema.parse({ type: 'RecordIndicatorComparator', code: 'BV12', period: '2018/19', kind: 'national', value: 8.4, source: 'LG Inform' });
 * ```
 */
export const recordIndicatorComparatorSchema = z.strictObject({
  type: z.literal('RecordIndicatorComparator'),
  ...base,
  period,
  kind: text(100),
  value: indicatorNumberSchema,
  source: text(500),
});

/**
 * Comment on an indicator, for a period or in general. The same comment again changes nothing.
 *
 * @example
 * ```ts
 * commentOnIndicatorSchema.parse({ type: 'CommentOnIndicator', code: 'BV12', period: '2019/20 Q1', text: 'Long-term sickness is 60 %' });
 * ```
 */
export const commentOnIndicatorSchema = z.strictObject({
  type: z.literal('CommentOnIndicator'),
  ...base,
  period: period.optional(),
  text: text(10_000),
});

/**
 * The indicator commands, for the ledger's one command union.
 *
 * @example
 * ```ts
 * indicatorCommandSchemas.map((schema) => schema.shape.type.value); // ['RegisterIndicator', …]
 * ```
 */
export const indicatorCommandSchemas = [
  registerIndicatorSchema,
  amendIndicatorSchema,
  setIndicatorTargetSchema,
  setIndicatorToleranceSchema,
  recordIndicatorValueSchema,
  correctIndicatorValueSchema,
  reportIndicatorStatusSchema,
  recordIndicatorComparatorSchema,
  commentOnIndicatorSchema,
] as const;

/** An indicator command, as validated. */
export type IndicatorCommand = z.output<(typeof indicatorCommandSchemas)[number]>;

/** The type names of the indicator commands. */
export type IndicatorCommandType = IndicatorCommand['type'];

const TYPES: ReadonlySet<string> = new Set(indicatorCommandSchemas.map((schema) => schema.shape.type.value));

/**
 * True when a command is about an indicator (its events go to the `indicator:` stream).
 *
 * @example
 * ```ts
 * isIndicatorCommand({ type: 'RecordIndicatorValue' }); // true
 * ```
 */
export function isIndicatorCommand<C extends { readonly type: string }>(
  command: C,
): command is Extract<C, { type: IndicatorCommandType }> {
  return TYPES.has(command.type);
}
