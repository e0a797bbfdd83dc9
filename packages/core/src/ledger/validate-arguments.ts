import { ValidationError } from '../errors/index.js';
import { revealHiddenCharacters } from '../text/index.js';
import { isBusinessDate } from '../time/index.js';

/**
 * Guards for the arguments of the ledger's public methods that are not commands or events
 * (those have zod schemas): options objects, codes, positions, dates. JavaScript callers can pass
 * anything, and a TypeError or a raw SQLite binding error from deep inside is not a refusal a
 * caller can act on, so each of these throws a {@link ValidationError} naming the argument.
 *
 * @example
 * ```ts
 * requireOptions(asOf, 'asOf'); // throws VALIDATION_FAILED for null, 5 or []
 * ```
 */
export function requireOptions(value: unknown, name: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw refused(name, 'must be an object');
  }
}

/** `value` is a string (an action code, a stream name). */
export function requireString(value: unknown, name: string): void {
  if (typeof value !== 'string') throw refused(name, 'must be a string');
}

/** `value`, when given, is a string. */
export function optionalString(value: unknown, name: string): void {
  if (value !== undefined) requireString(value, name);
}

/** `value`, when given, is a whole number from `min` up (positions, versions, batch sizes). */
export function optionalCount(value: unknown, name: string, min = 0): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) >= min)) {
    throw refused(name, `must be a whole number of at least ${min}`);
  }
}

/** `value`, when given, is a real calendar date YYYY-MM-DD. */
export function optionalBusinessDate(value: unknown, name: string): void {
  if (value !== undefined && !isBusinessDate(value))
    throw refused(name, 'must be a real calendar date YYYY-MM-DD');
}

function refused(name: string, message: string): ValidationError {
  return new ValidationError(`${name} ${message}.`, [{ path: name.split('.'), message }]);
}

/**
 * Refuses an options object with a key that is not one of `allowed`: a misplaced key (a
 * `knownAt` nested where it is not read) must never be silently ignored and give a wrong report.
 * Also refuses a non-object. `where` names the options in the message (`quarterEndView options`).
 * An unknown key is shown with its hidden characters revealed (`'know[U+202E]nAt'`), so a key
 * with a control or bidi character can neither reorder nor hide the message that names it.
 *
 * @example
 * ```ts
 * assertOptions(options, ['fy', 'quarter', 'asAt', 'knownAt'], 'quarterEndView options');
 * ```
 */
export function assertOptions(options: unknown, allowed: readonly string[], where: string): void {
  requireOptions(options, where);
  const unknown = Object.keys(options as object).filter((key) => !allowed.includes(key));
  if (unknown.length === 0) return;
  const listed = unknown.map((key) => `'${revealHiddenCharacters(key)}'`).join(', ');
  throw new ValidationError(
    `${where} has ${unknown.length === 1 ? 'an unknown key' : 'unknown keys'} ${listed}; known keys: ${allowed.join(', ')}.`,
    unknown.map((key) => ({ path: [key], message: 'unknown key' })),
  );
}
