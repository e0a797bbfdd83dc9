import { ValidationError } from '../errors/index.js';
import { type BusinessDate, businessDateFromParts } from './business-date.js';

/**
 * Options for {@link businessDateOf}.
 *
 * @example
 * ```ts
 * const options: BusinessDateOfOptions = { timeZone: 'Europe/London' };
 * ```
 */
export interface BusinessDateOfOptions {
  /** IANA zone whose wall-clock date to take; defaults to UTC. */
  readonly timeZone?: string;
}

/**
 * The calendar date on which an instant falls, in UTC unless a zone is named.
 *
 * UTC by default because the answer must not depend on the machine that computes it: two
 * servers, or a server and an auditor's laptop, must file the same recorded time under the same
 * day. Pass `timeZone: 'Europe/London'` where the local day matters: during British Summer Time
 * 23:30 UTC on 31 March is already 1 April, and in the next financial year, in London.
 *
 * @throws ValidationError for an invalid Date or an unknown time zone.
 * @example
 * ```ts
 * businessDateOf(new Date('2024-03-31T23:30:00Z')); // '2024-03-31'
 * businessDateOf(new Date('2024-03-31T23:30:00Z'), { timeZone: 'Europe/London' }); // '2024-04-01'
 * ```
 */
export function businessDateOf(instant: Date, options: BusinessDateOfOptions = {}): BusinessDate {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    const message = 'Cannot take the business date of an invalid Date';
    throw new ValidationError(message, [{ path: [], message }]);
  }
  if (options.timeZone === undefined) {
    return businessDateFromParts(instant.getUTCFullYear(), instant.getUTCMonth() + 1, instant.getUTCDate());
  }
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: options.timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    }).formatToParts(instant);
  } catch {
    const message = `Unknown time zone ${JSON.stringify(options.timeZone)}`;
    throw new ValidationError(message, [{ path: ['timeZone'], message }]);
  }
  const field = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((part) => part.type === type)?.value);
  return businessDateFromParts(field('year'), field('month'), field('day'));
}
