import { z } from 'zod';

/**
 * What an indicator measures in: a percentage (0 to 100 is usual; see
 * {@link INDICATOR_VALUE_BOUNDS}), a count (whole, not negative), money in pounds (may be
 * negative), a ratio, a number of days (not negative), or yes/no.
 *
 * @example
 * ```ts
 * indicatorUnitSchema.parse('money'); // 'money'
 * ```
 */
export const indicatorUnitSchema = z.enum(['percentage', 'count', 'money', 'ratio', 'days', 'yesno']);

/** An indicator's unit: `'percentage' | 'count' | 'money' | 'ratio' | 'days' | 'yesno'`. */
export type IndicatorUnit = z.output<typeof indicatorUnitSchema>;

/**
 * Which way is good: `higher` is better (invoices paid on time), `lower` is better (sickness
 * days), or `band`: the value should lie within a target band `{ low, high }`.
 *
 * @example
 * ```ts
 * indicatorPolaritySchema.parse('lower');
 * ```
 */
export const indicatorPolaritySchema = z.enum(['higher', 'lower', 'band']);

/** An indicator's polarity: `'higher' | 'lower' | 'band'`. */
export type IndicatorPolarity = z.output<typeof indicatorPolaritySchema>;

/**
 * How often values are reported. A value may also be recorded for a longer period than the
 * frequency (a quarterly indicator's annual outturn), never for a shorter one.
 *
 * @example
 * ```ts
 * indicatorFrequencySchema.parse('quarterly');
 * ```
 */
export const indicatorFrequencySchema = z.enum(['monthly', 'quarterly', 'annual']);

/** An indicator's frequency: `'monthly' | 'quarterly' | 'annual'`. */
export type IndicatorFrequency = z.output<typeof indicatorFrequencySchema>;

/**
 * How far a value can be trusted: provisional, estimated, final, or missing (no value, with a
 * reason: the "-" and "n/a" of council tables, never a zero).
 *
 * @example
 * ```ts
 * indicatorQualitySchema.parse('provisional');
 * ```
 */
export const indicatorQualitySchema = z.enum(['provisional', 'estimated', 'final', 'missing']);

/** A value's quality: `'provisional' | 'estimated' | 'final' | 'missing'`. */
export type IndicatorQuality = z.output<typeof indicatorQualitySchema>;

/**
 * The bounds every accepted number lies within, so that every reader (JSON, CSV, SQL REAL) can
 * hold it exactly as a double: a magnitude of at most 10^12 (a trillion pounds bounds any
 * council's figures), and for percentages -1000 to 1000 (a percentage change or an achievement
 * above 100 % is real; beyond ten times is a typing slip).
 *
 * @example
 * ```ts
 * INDICATOR_VALUE_BOUNDS.maxMagnitude; // 1e12
 * ```
 */
export const INDICATOR_VALUE_BOUNDS = Object.freeze({ maxMagnitude: 1e12, maxPercentage: 1000 });

/**
 * A finite number within {@link INDICATOR_VALUE_BOUNDS}; -0 is stored as 0 (JSON has no -0).
 *
 * @example
 * ```ts
 * indicatorNumberSchema.parse(75.26); // 75.26
 * indicatorNumberSchema.safeParse(Number.NaN).success; // false
 * ```
 */
export const indicatorNumberSchema = z
  .number('must be a number')
  .refine(Number.isFinite, 'must be a finite number (not NaN or Infinity)')
  .refine(
    (value) => Math.abs(value) <= INDICATOR_VALUE_BOUNDS.maxMagnitude,
    `must be at most ${INDICATOR_VALUE_BOUNDS.maxMagnitude} in magnitude`,
  )
  .transform((value) => (Object.is(value, -0) ? 0 : value));

/**
 * A value as recorded: a number, true/false for a yes/no indicator, or null when missing.
 *
 * @example
 * ```ts
 * const value: IndicatorValue = 31.0;
 * ```
 */
export type IndicatorValue = number | boolean | null;

/**
 * A recorded value: a number (see {@link indicatorNumberSchema}), a boolean (yes/no), or null.
 *
 * @example
 * ```ts
 * indicatorValueSchema.parse(true);
 * ```
 */
export const indicatorValueSchema = z.union([indicatorNumberSchema, z.boolean(), z.null()]);

/**
 * A target band for a `band` indicator: the value should lie from `low` to `high` inclusive.
 *
 * @example
 * ```ts
 * indicatorBandSchema.parse({ low: 95, high: 105 });
 * ```
 */
export const indicatorBandSchema = z
  .strictObject({ low: indicatorNumberSchema, high: indicatorNumberSchema })
  .refine((band) => band.low <= band.high, 'low must not be above high');

/**
 * A target for a period: a number ("90%", "7.5"), yes/no for a yes/no indicator, a direction
 * (`{ direction: 'increase' }`: better than the previous period), or a band `{ low, high }`.
 *
 * @example
 * ```ts
 * indicatorTargetSchema.parse({ direction: 'decrease' });
 * ```
 */
export const indicatorTargetSchema = z.union([
  indicatorNumberSchema,
  z.boolean(),
  z.strictObject({ direction: z.enum(['increase', 'decrease']) }),
  indicatorBandSchema,
]);

/** A target: a number, a yes/no, `{ direction }` or a band `{ low, high }`. */
export type IndicatorTarget = z.output<typeof indicatorTargetSchema>;

/**
 * The RAG rule: a value that misses its target by no more than `amber` is amber (a warning),
 * by more is red. `percent` measures the miss as a percentage of the target (of the previous
 * value for a direction target; of the band's width for a band); `absolute` in the indicator's
 * unit. With no tolerance in force, every miss is red.
 *
 * @example
 * ```ts
 * indicatorToleranceSchema.parse({ kind: 'percent', amber: 5 }); // amber within 5 % of target
 * ```
 */
export const indicatorToleranceSchema = z.strictObject({
  kind: z.enum(['percent', 'absolute']),
  amber: indicatorNumberSchema.refine((value) => value >= 0, 'must not be negative'),
});

/** A tolerance rule: `{ kind: 'percent' | 'absolute', amber }`. */
export type IndicatorTolerance = z.output<typeof indicatorToleranceSchema>;

/**
 * What a comparator is: `national`, `family-group`, or another kind in words ("regional").
 *
 * @example
 * ```ts
 * const kind: ComparatorKind = 'family-group';
 * ```
 */
export type ComparatorKind = string;
