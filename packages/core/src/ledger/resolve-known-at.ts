import { ValidationError } from '../errors/index.js';
import { isBusinessDate } from '../time/index.js';
import type { KnownAt } from './as-of.js';

const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

/**
 * Checks a `knownAt` and says what it means: a position as given, or an ISO instant (a plain date
 * becomes the last microsecond of that day in UTC). Throws {@link ValidationError} naming it.
 * The one reader of `knownAt`: every read of the library, and the CLI's `--known-at`, use it, so
 * both accept exactly the same forms.
 *
 * @example
 * ```ts
 * knownAtMeaning('2024-01-15'); // { instant: '2024-01-15T23:59:59.999999Z' }
 * ```
 */
export function knownAtMeaning(knownAt: KnownAt): { position: number } | { instant: string } {
  if (typeof knownAt === 'object' && knownAt !== null) {
    const keys = Object.keys(knownAt);
    if (keys.length !== 1 || keys[0] !== 'position') {
      throw new ValidationError('knownAt must be an ISO instant, a date YYYY-MM-DD, or { position }.', [
        { path: ['knownAt'], message: 'an object knownAt has exactly one key, position' },
      ]);
    }
    if (!Number.isSafeInteger(knownAt.position) || knownAt.position < 0) {
      throw new ValidationError('knownAt.position must be a non-negative integer.', [
        { path: ['knownAt', 'position'], message: 'must be a non-negative integer' },
      ]);
    }
    return { position: knownAt.position };
  }
  if (typeof knownAt === 'string' && isBusinessDate(knownAt)) {
    return { instant: `${knownAt}T23:59:59.999999Z` };
  }
  if (
    typeof knownAt !== 'string' ||
    // With Z or an offset: a local time would mean a different instant on every host.
    !INSTANT.test(knownAt) ||
    Number.isNaN(Date.parse(knownAt)) ||
    // Date.parse rolls impossible days over ('2023-02-29' is 1 March): refuse them instead.
    !isBusinessDate(knownAt.slice(0, 10))
  ) {
    const shown = String(knownAt);
    throw new ValidationError(
      `knownAt '${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}' is not an ISO-8601 instant such as 2024-01-15T09:00:00Z, a date such as 2024-01-15, or { position }.`,
      [{ path: ['knownAt'], message: 'must be an ISO-8601 instant, a date YYYY-MM-DD, or { position }' }],
    );
  }
  return { instant: knownAt };
}
