import { z } from 'zod';
import { validationErrorFromZod } from '../errors/index.js';
import { refuseHiddenCharacters } from '../events/text-fields.js';
import { normalizeStatusWord } from './normalize-status-word.js';
import { STATUS_MEANINGS, type StatusMeaning } from './status-meaning.js';

/**
 * A status scale an organisation reports actions against, such as RAG or Pentana's. Statuses
 * are stored in their canonical spelling (`values`); `aliases` map the other spellings seen in
 * source data (matched case-insensitively) to a canonical value.
 *
 * `completedValue` and `cancelledValue` name the values that mean "closed as done" and "closed
 * as abandoned", so that derived statuses and report counts can be computed for any key.
 * `meanings` says what the other values ask of a committee (see {@link StatusMeaning}): which
 * need attention, which are on track, which ask for a decision; read them with `statusMeaning`.
 *
 * @example
 * ```ts
 * const key: StatusKey = {
 *   id: 'rag',
 *   label: 'RAG',
 *   values: ['Green', 'Amber', 'Red', 'Complete'],
 *   aliases: { completed: 'Complete' },
 *   completedValue: 'Complete',
 *   meanings: { Green: 'onTrack', Red: 'attention', Complete: 'closes' },
 * };
 * ```
 */
export interface StatusKey {
  /** Stable identifier stored on every action, e.g. `rag`; lower-case letters, digits, hyphens. */
  readonly id: string;
  /** Human-readable name for reports. */
  readonly label: string;
  /** Canonical spellings, in report order. */
  readonly values: readonly string[];
  /** Alternative spelling → canonical value. */
  readonly aliases?: Readonly<Record<string, string>>;
  /** The value meaning "closed as done". */
  readonly completedValue?: string;
  /** The value meaning "closed as cancelled or postponed". */
  readonly cancelledValue?: string;
  /**
   * Value → what it means for a committee. Values left out mean nothing in particular (counted,
   * never singled out). `closes` is only for the completed and cancelled values, which mean
   * `closes` whether declared or not.
   */
  readonly meanings?: Readonly<Record<string, StatusMeaning>>;
}

const wordSchema = z
  .string()
  .superRefine(refuseHiddenCharacters)
  .min(1, { message: 'Must not be empty' })
  .max(200)
  .refine((text) => normalizeStatusWord(text) !== '', { message: 'Must contain visible text' });

const statusKeySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, {
      message: 'Must start with a lower-case letter and contain only a-z, 0-9 and "-"',
    }),
    label: z
      .string()
      .superRefine(refuseHiddenCharacters)
      .trim()
      .min(1, { message: 'Must not be empty' })
      .max(200),
    values: z
      .array(
        wordSchema.refine((text) => text === text.trim(), { message: 'Must not start or end with spaces' }),
      )
      .min(1, { message: 'A status key needs at least one value' }),
    aliases: z.record(z.string(), z.string()).optional(),
    completedValue: z.string().optional(),
    cancelledValue: z.string().optional(),
    meanings: z
      .record(
        z.string(),
        z.enum(STATUS_MEANINGS, {
          message: `Must be one of ${STATUS_MEANINGS.map((meaning) => `"${meaning}"`).join(', ')}`,
        }),
      )
      .optional(),
  })
  .superRefine((key, context) => {
    // Two spellings that normalise alike would make matchStatus ambiguous, so reject them here.
    const canonicalByWord = new Map<string, string>();
    key.values.forEach((value, index) => {
      const word = normalizeStatusWord(value);
      const earlier = canonicalByWord.get(word);
      if (earlier !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['values', index],
          message: `"${value}" duplicates "${earlier}" (values are compared case-insensitively)`,
        });
      }
      canonicalByWord.set(word, value);
    });
    const values = new Set(key.values);
    for (const [alias, target] of Object.entries(key.aliases ?? {})) {
      const path = ['aliases', alias];
      if (!values.has(target)) {
        context.addIssue({
          code: 'custom',
          path,
          message: `Points at "${target}", which is not a value of the key`,
        });
        continue;
      }
      const word = normalizeStatusWord(alias);
      const existing = canonicalByWord.get(word);
      if (word === '') {
        context.addIssue({ code: 'custom', path, message: 'Must contain visible text' });
      } else if (existing !== undefined && existing !== target) {
        context.addIssue({
          code: 'custom',
          path,
          message: `Already means "${existing}", cannot also mean "${target}"`,
        });
      } else {
        canonicalByWord.set(word, target);
      }
    }
    for (const field of ['completedValue', 'cancelledValue'] as const) {
      const value = key[field];
      if (value !== undefined && !values.has(value)) {
        context.addIssue({ code: 'custom', path: [field], message: `"${value}" is not a value of the key` });
      }
    }
    if (key.completedValue !== undefined && key.completedValue === key.cancelledValue) {
      context.addIssue({
        code: 'custom',
        path: ['cancelledValue'],
        message: 'Completed and cancelled must be different values',
      });
    }
    const closing = new Set([key.completedValue, key.cancelledValue].filter((value) => value !== undefined));
    for (const [value, meaning] of Object.entries(key.meanings ?? {})) {
      const path = ['meanings', value];
      if (!values.has(value)) {
        context.addIssue({ code: 'custom', path, message: `"${value}" is not a value of the key` });
      } else if (closing.has(value) && meaning !== 'closes') {
        context.addIssue({
          code: 'custom',
          path,
          message: `"${value}" is the key's ${value === key.completedValue ? 'completed' : 'cancelled'} value, so it closes the action; it cannot mean "${meaning}"`,
        });
      } else if (!closing.has(value) && meaning === 'closes') {
        context.addIssue({
          code: 'custom',
          path,
          message: `Only the key's completedValue or cancelledValue closes an action; name "${value}" as one of them instead`,
        });
      }
    }
  });

/**
 * Validates a status key and returns a deep-frozen copy, so a key shared between a registry, a
 * decider and a report can never change under any of them.
 *
 * @throws ValidationError listing every problem: bad id, no values, values equal ignoring case,
 *   aliases pointing at unknown values or clashing with other spellings, unknown completed or
 *   cancelled value, a meaning for a value the key does not have, a meaning that is not one of
 *   `attention`, `onTrack`, `decision`, `closes`, or `closes` on a value that is neither the
 *   completed nor the cancelled value.
 * @example
 * ```ts
 * const progress = defineStatusKey({
 *   id: 'progress',
 *   label: 'Progress',
 *   values: ['On track', 'At risk', 'Off track', 'Done'],
 *   aliases: { complete: 'Done' },
 *   completedValue: 'Done',
 *   meanings: { 'On track': 'onTrack', 'Off track': 'attention' },
 * });
 * ```
 */
export function defineStatusKey(definition: StatusKey): StatusKey {
  const parsed = statusKeySchema.safeParse(definition);
  if (!parsed.success) {
    const id = typeof definition?.id === 'string' ? ` "${definition.id}"` : '';
    throw validationErrorFromZod(`Invalid status key${id}`, parsed.error);
  }
  const { id, label, values, aliases, completedValue, cancelledValue, meanings } = parsed.data;
  return Object.freeze({
    id,
    label,
    values: Object.freeze([...values]),
    ...(aliases === undefined ? {} : { aliases: Object.freeze({ ...aliases }) }),
    ...(completedValue === undefined ? {} : { completedValue }),
    ...(cancelledValue === undefined ? {} : { cancelledValue }),
    ...(meanings === undefined ? {} : { meanings: Object.freeze({ ...meanings }) }),
  });
}
