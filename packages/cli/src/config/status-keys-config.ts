import {
  builtInStatusKeys,
  defineStatusKey,
  type StatusKey,
  type StatusMeaning,
  ValidationError,
} from '@perfledger/core';
import { z } from 'zod';

const HEX_COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const KEY_ID = /^[a-z][a-z0-9-]*$/;

/** One value of a council's status scheme, as the config file describes it. */
const statusValueSchema = z.strictObject({
  /** The value as stored and printed, such as "On track". */
  label: z.string().min(1, { message: 'Must not be empty' }).max(200),
  /** A symbol the council prints for it (✓, Δ, ×, ●); imports read it as this value. */
  symbol: z.string().min(1, { message: 'Must not be empty' }).max(8).optional(),
  /** Its colour in reports, `#rgb` or `#rrggbb`; the words and symbol still carry the meaning. */
  colour: z.string().optional(),
  /** Other spellings found in source data, matched ignoring case and spacing. */
  aliases: z.array(z.string()).optional(),
  /** What the value asks of a committee: `attention` (red), `onTrack`, or `decision`. */
  meaning: z
    .enum(['attention', 'onTrack', 'decision'], {
      message: 'Must be "attention", "onTrack" or "decision" (a closing value says "closes" instead)',
    })
    .optional(),
  /** The value closes the action: as `completed` (done) or as `cancelled` (abandoned). */
  closes: z.enum(['completed', 'cancelled'], { message: 'Must be "completed" or "cancelled"' }).optional(),
});

/** One status scheme: its id (stored on every action), its name, and its values in report order. */
const statusKeyEntrySchema = z
  .strictObject({
    /** Stored on every action that uses the scheme: lower-case letters, digits and "-". */
    id: z.string(),
    /** The scheme's name in reports, such as "Council progress". */
    name: z.string().trim().min(1, { message: 'Must not be empty' }).max(200),
    /** The values, in the order reports list them. */
    values: z.array(statusValueSchema).min(1, { message: 'A status key needs at least one value' }),
  })
  .superRefine((entry, context) => {
    const id = entry.id;
    let problems = 0;
    const issue = (path: (string | number)[], message: string) => {
      problems += 1;
      context.addIssue({ code: 'custom', path, message: `Status key "${id}": ${message}` });
    };
    if (!KEY_ID.test(id)) {
      issue(['id'], 'the id must start with a lower-case letter and contain only a-z, 0-9 and "-"');
      return;
    }
    if (builtInStatusKeys.some((key) => key.id === id)) {
      issue(['id'], `"${id}" is a built-in key; give the council's scheme its own id`);
    }
    const closing = { completed: [] as string[], cancelled: [] as string[] };
    entry.values.forEach((value, index) => {
      const path = ['values', index];
      if (value.colour !== undefined && !HEX_COLOUR.test(value.colour)) {
        issue([...path, 'colour'], `value "${value.label}": colour "${value.colour}" is not #rgb or #rrggbb`);
      }
      if (value.closes !== undefined && value.meaning !== undefined) {
        issue(
          [...path, 'meaning'],
          `value "${value.label}" closes the action (${value.closes}), so it cannot also mean "${value.meaning}"`,
        );
      }
      if (value.closes !== undefined) closing[value.closes].push(value.label);
    });
    for (const outcome of ['completed', 'cancelled'] as const) {
      if (closing[outcome].length > 1) {
        issue(
          ['values'],
          `only one value may close as ${outcome}, not ${closing[outcome].map((label) => `"${label}"`).join(' and ')}`,
        );
      }
    }
    // The rest (values equal ignoring case, aliases that clash) is core's own status-key check,
    // once the problems above (which it would report less clearly) are out of the way.
    if (problems > 0 || entry.values.length === 0) return;
    try {
      defineStatusKey(statusKeyOf(entry));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const problem of error.issues) {
        const alias = problem.path[0] === 'aliases' ? `alias or symbol "${String(problem.path[1])}": ` : '';
        issue(['values'], `${alias}${problem.message}`);
      }
    }
  });

/**
 * The `statusKeys` section of `perfledger.config.json`: a council's own status schemes, used by
 * every CLI command beside the built-in keys. Strict: a misspelt field is an error, and every
 * problem names the key and the value (values equal ignoring case, an alias or symbol that
 * already means another value, a colour that is not `#rgb`/`#rrggbb`, two completed values, a
 * closing value with a meaning, a reused id).
 *
 * @example
 * ```ts
 * statusKeysConfigSchema.parse([
 *   {
 *     id: 'progress',
 *     name: 'Council progress',
 *     values: [
 *       { label: 'On track', colour: '#2e8540', meaning: 'onTrack' },
 *       { label: 'Off track', symbol: '✕', meaning: 'attention' },
 *       { label: 'Complete', symbol: '✓', closes: 'completed' },
 *     ],
 *   },
 * ]);
 * ```
 */
export const statusKeysConfigSchema = z.array(statusKeyEntrySchema).superRefine((entries, context) => {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.id)) {
      context.addIssue({
        code: 'custom',
        path: [index, 'id'],
        message: `Status key "${entry.id}" is defined twice`,
      });
    }
    seen.add(entry.id);
  });
});

/** The parsed `statusKeys` section of the config file. */
export type StatusKeysConfig = z.output<typeof statusKeysConfigSchema>;

/** One scheme of the `statusKeys` section. */
export type StatusKeyEntry = StatusKeysConfig[number];

/**
 * A scheme of the config file as core's {@link StatusKey}: the labels are the values in their
 * order, each symbol and alias an alias of its value, the `closes` values the completed and
 * cancelled values, and the meanings as declared.
 *
 * @example
 * ```ts
 * statusKeyOf({ id: 'progress', name: 'Progress', values: [{ label: 'Done', symbol: '✓', closes: 'completed' }] });
 * // { id: 'progress', label: 'Progress', values: ['Done'], aliases: { '✓': 'Done' }, completedValue: 'Done', meanings: { Done: 'closes' } }
 * ```
 */
export function statusKeyOf(entry: StatusKeyEntry): StatusKey {
  const aliases: Record<string, string> = {};
  const meanings: Record<string, StatusMeaning> = {};
  let completedValue: string | undefined;
  let cancelledValue: string | undefined;
  for (const value of entry.values) {
    if (value.symbol !== undefined) aliases[value.symbol] = value.label;
    for (const alias of value.aliases ?? []) aliases[alias] = value.label;
    if (value.closes === 'completed') completedValue ??= value.label;
    if (value.closes === 'cancelled') cancelledValue ??= value.label;
    if (value.closes !== undefined) meanings[value.label] = 'closes';
    else if (value.meaning !== undefined) meanings[value.label] = value.meaning;
  }
  return {
    id: entry.id,
    label: entry.name,
    values: entry.values.map((value) => value.label),
    ...(Object.keys(aliases).length === 0 ? {} : { aliases }),
    ...(completedValue === undefined ? {} : { completedValue }),
    ...(cancelledValue === undefined ? {} : { cancelledValue }),
    ...(Object.keys(meanings).length === 0 ? {} : { meanings }),
  };
}

/**
 * The colour and symbol the config file gives each value of its schemes, keyed by value, for
 * reports that draw them (the committee report's `statusColours`).
 *
 * @example
 * ```ts
 * statusStylesOf(config.statusKeys ?? []).colours; // { 'On track': '#2e8540', … }
 * ```
 */
export function statusStylesOf(config: StatusKeysConfig): {
  readonly colours: Readonly<Record<string, string>>;
  readonly symbols: Readonly<Record<string, string>>;
} {
  const colours: Record<string, string> = {};
  const symbols: Record<string, string> = {};
  for (const entry of config) {
    for (const value of entry.values) {
      if (value.colour !== undefined) colours[value.label] = value.colour;
      if (value.symbol !== undefined) symbols[value.label] = value.symbol;
    }
  }
  return { colours, symbols };
}
