import {
  assertOptions,
  type BusinessDate,
  type Ledger,
  type StatusKey,
  ValidationError,
} from '@perfledger/core';
import { text } from '@perfledger/core/schemas';
import { IMPORT_OPTION_KEYS, type ImportSnapshotOptions } from './import-options.js';
import { parseUkDate } from './parse-uk-date.js';
import { type SnapshotLimits, snapshotLimitsOf } from './snapshot-limits.js';

const planText = text(200);
const actorText = text(500);

/** The import options once checked. */
export interface CheckedImportOptions {
  readonly asOf: BusinessDate;
  /** The status key given for new actions; undefined when omitted (the plan's key, else `rag`). */
  readonly statusKey: StatusKey | undefined;
  readonly plan: string | undefined;
  readonly actor: string | undefined;
  readonly onProgress: ((done: number, total: number) => void) | undefined;
  readonly maxAttempts: number;
  readonly limits: SnapshotLimits;
}

/** Why a text option is refused (core's own messages, naming any hidden character), or undefined. */
function textProblem(schema: typeof planText, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues.map((issue) => issue.message).join('; ');
}

function invalidOption(path: string, message: string): ValidationError {
  return new ValidationError(`Option ${path} ${message}; nothing was written.`, [{ path: [path], message }]);
}

/**
 * Checks {@link ImportSnapshotOptions} before anything is read or written: the object is strict
 * (an unknown key, such as `maxrows` for `maxRows`, is refused by name, never ignored), the
 * as-of date is a real date, the status key is one the ledger knows, and text options hold no
 * hidden characters.
 *
 * @throws ValidationError naming the option.
 * @example
 * ```ts
 * const checked = checkImportOptions(ledger, { asOf: '30 September 2019', statusKey: 'pentana' });
 * checked.asOf; // '2019-09-30'
 * ```
 */
export function checkImportOptions(
  ledger: Ledger,
  options: ImportSnapshotOptions,
  label = 'importSnapshot options',
): CheckedImportOptions {
  assertOptions(options, [...IMPORT_OPTION_KEYS], label);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw invalidOption('onProgress', 'must be a function (done, total) => void');
  }
  const asOf = parseUkDate(typeof options.asOf === 'string' ? options.asOf : '');
  if (!asOf.ok) throw invalidOption('asOf', asOf.message);
  const statusKey =
    options.statusKey === undefined ? undefined : ledger.statusKeys.require(options.statusKey);
  const planProblem = options.plan === undefined ? undefined : textProblem(planText, options.plan);
  if (planProblem !== undefined) throw invalidOption('plan', planProblem);
  const actorProblem = options.actor === undefined ? undefined : textProblem(actorText, options.actor);
  if (actorProblem !== undefined) throw invalidOption('actor', actorProblem);
  const maxAttempts = options.maxAttempts ?? 3;
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) {
    throw invalidOption('maxAttempts', 'must be a whole number of at least 1');
  }
  return {
    asOf: asOf.value,
    statusKey,
    plan: options.plan,
    actor: options.actor,
    onProgress: options.onProgress,
    maxAttempts,
    limits: snapshotLimitsOf(options),
  };
}
