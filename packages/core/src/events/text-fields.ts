import { z } from 'zod';

// Control characters other than tab and newline never belong in a report and are a classic
// vector for log and CSV injection, so every free-text field refuses them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to match control characters
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/;
// A lone UTF-16 surrogate cannot be stored: SQLite keeps UTF-8, so it would read back as U+FFFD
// and the event's hash (computed over the string as given) would no longer verify.
// In a `u` regex a surrogate pair is one code point, so this matches only unpaired halves.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * A trimmed, non-empty, single-purpose text field of at most `max` characters with no control characters.
 *
 * @example
 * ```ts
 * const title = text(500);
 * title.parse('  Widen the use of e-forms ') // 'Widen the use of e-forms'
 * ```
 */
export function text(max: number) {
  return textSchema(max, true);
}

/**
 * Like {@link text}, but stored exactly as given: surrounding spaces are refused instead of
 * trimmed. For identifiers kept verbatim, such as stream names and metadata.
 *
 * @example
 * ```ts
 * exactText(500).safeParse(' j.smith').success // false
 * ```
 */
export function exactText(max: number) {
  return textSchema(max, false).refine(
    (value) => value === value.trim(),
    'must not start or end with spaces',
  );
}

function textSchema(max: number, trim: boolean) {
  return (trim ? z.string().trim() : z.string())
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), 'must not contain control characters')
    .refine((value) => !LONE_SURROGATE.test(value), 'must not contain unpaired surrogates (invalid Unicode)');
}

/**
 * An action code as councils print them: "FP1922_02", "1.01.02", "LA1821_01.1".
 *
 * @example
 * ```ts
 * actionCodeSchema.parse('DEM1518_02');
 * ```
 */
export const actionCodeSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._/-]*$/,
    'must be letters, digits and . _ / - (starting with a letter or digit)',
  );

/** An optional free-text note that any event may carry. */
export const noteSchema = text(10_000).optional();
