import { z } from 'zod';
import { hiddenCharacterProblem } from '../text/hidden-characters.js';

// A lone UTF-16 surrogate cannot be stored: SQLite keeps UTF-8, so it would read back as U+FFFD
// and the event's hash (computed over the string as given) would no longer verify.
// In a `u` regex a surrogate pair is one code point, so this matches only unpaired halves.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * A trimmed, non-empty, single-purpose text field of at most `max` characters with no hidden
 * characters: no control characters but tab and line feed (they are a classic vector for log,
 * terminal and CSV injection), no bidirectional controls such as U+202E (which reorder what a
 * reader sees: "Trojan Source", CVE-2021-42574), no U+2028/U+2029 separators and no invisible
 * format characters such as U+200B (see `findHiddenCharacters` for the exact set; zero width
 * joiners, which real text needs, are accepted). A refusal names the character by code point and
 * position, e.g. "U+202E RIGHT-TO-LEFT OVERRIDE at character 12", counted in the text as given.
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

/**
 * A zod check that refuses hidden characters, naming the first one (see {@link hiddenCharacterProblem}).
 * Shared by every schema that accepts text, so that one rule decides what is hidden.
 *
 * @example
 * ```ts
 * z.string().superRefine(refuseHiddenCharacters).safeParse('a\u202Eb').success; // false
 * ```
 */
export function refuseHiddenCharacters(value: string, context: z.RefinementCtx): void {
  const problem = hiddenCharacterProblem(value);
  if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
}

function textSchema(max: number, trim: boolean) {
  // Checked before trimming, so that the position counts characters of the text as given and a
  // leading U+FEFF or U+2028 (which trim() would silently drop) is refused like any other.
  const checked = z.string().superRefine(refuseHiddenCharacters);
  return (trim ? checked.trim() : checked)
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
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
  .superRefine(refuseHiddenCharacters)
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._/-]*$/,
    'must be letters, digits and . _ / - (starting with a letter or digit)',
  );

/** An optional free-text note that any event may carry. */
export const noteSchema = text(10_000).optional();
