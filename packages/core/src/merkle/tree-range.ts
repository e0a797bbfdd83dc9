import { IntegrityError } from '../integrity/integrity-error.js';

/** `TREE_RANGE_INVALID` unless `value` is a whole number from `min` to `max`, naming `what`. */
export function checkTreeNumber(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    const shown = typeof value === 'number' ? String(value) : typeof value;
    throw new IntegrityError(
      'TREE_RANGE_INVALID',
      `${what} must be a whole number from ${min} to ${max}; got ${shown}`,
    );
  }
  return value;
}
