import { parseCalendarDate } from './calendar-date.js';

const isoInstant =
  /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/**
 * An ISO instant with `Z` or an offset, printed in UTC to the minute ("2024-01-15 09:00 UTC"),
 * or to the second when the seconds are not zero. `undefined` for text that is not such an
 * instant: a time without a zone would depend on the reader's machine.
 *
 * @example
 * ```ts
 * formatInstant('2024-01-15T09:00:00Z'); // '2024-01-15 09:00 UTC'
 * formatInstant('2024-07-01T10:15:30+01:00'); // '2024-07-01 09:15:30 UTC'
 * formatInstant('2024-01-15 09:00'); // undefined
 * ```
 */
export function formatInstant(text: string): string | undefined {
  // Date.parse would roll 31 February over into March, so check the day first.
  if (!isoInstant.test(text) || !parseCalendarDate(text.slice(0, 10))) return undefined;
  const milliseconds = Date.parse(text);
  if (Number.isNaN(milliseconds)) return undefined;
  const iso = new Date(milliseconds).toISOString();
  const seconds = iso.slice(17, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds === '00' ? '' : `:${seconds}`} UTC`;
}
