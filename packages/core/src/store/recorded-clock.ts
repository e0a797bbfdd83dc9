import { ClockJumpError } from '../errors/clock-jump-error.js';
import type { RecordedAt } from '../events/index.js';

/**
 * Where the ledger reads the time from. The system clock by default; tests and simulations may
 * supply their own. Whatever it says, recorded times stay strictly increasing.
 *
 * @example
 * ```ts
 * let now = Date.parse('2024-01-15T09:00:00Z');
 * const clock: LedgerClock = () => new Date((now += 1000));
 * ```
 */
export type LedgerClock = () => Date;

/** Microseconds since the epoch; exact in a double until the year 2255. */
export type EpochMicros = number;

/**
 * How far ahead of the last recorded time the clock may read by default: five years, longer
 * than a council plan period. A ledger imported quarterly, or left dormant for months, never
 * comes near it; a clock set to 2999 does. Change it with `maxClockJumpDays`.
 */
export const DEFAULT_MAX_CLOCK_JUMP_DAYS = 1827;

const MICROS_PER_DAY = 86_400_000_000;

/** The last recorded time the ledger writes: the end of 2254, while microseconds stay exact in a double. */
const LAST_RECORDED_MICROS = Date.UTC(2254, 11, 31, 23, 59, 59, 999) * 1000 + 999;

/**
 * The next recorded time: the clock's reading, or one microsecond after the last recorded time
 * when the clock has not moved on (or has gone back). With a bound, a reading more than
 * `maxClockJumpDays` after the last recorded time is refused with {@link ClockJumpError}; an
 * empty log (`lastMicros` 0) has no bound. A reading after 2254, where microseconds since the
 * epoch are no longer exact in a double (so `+1` would not move on), is always refused.
 *
 * @example
 * ```ts
 * nextRecordedMicros(() => new Date(), lastMicros, DEFAULT_MAX_CLOCK_JUMP_DAYS);
 * ```
 */
export function nextRecordedMicros(
  clock: LedgerClock,
  lastMicros: EpochMicros,
  maxClockJumpDays: number = Number.POSITIVE_INFINITY,
): EpochMicros {
  const reading = clock();
  const now = reading.getTime() * 1000;
  if (
    now > LAST_RECORDED_MICROS ||
    (lastMicros > 0 && now - lastMicros > maxClockJumpDays * MICROS_PER_DAY)
  ) {
    // Formatted only here: on the append path formatting the last time would evict the
    // one-millisecond cache formatRecordedAt keeps for the new one.
    const last = lastMicros > 0 ? formatRecordedAt(lastMicros) : null;
    const daysAhead =
      lastMicros > 0 && now - lastMicros > maxClockJumpDays * MICROS_PER_DAY
        ? (now - lastMicros) / MICROS_PER_DAY
        : null;
    throw new ClockJumpError(reading.toISOString(), last, maxClockJumpDays, daysAhead);
  }
  return now > lastMicros ? now : lastMicros + 1;
}

/**
 * Formats microseconds as an ISO-8601 UTC instant with six fractional digits.
 *
 * @example
 * ```ts
 * formatRecordedAt(1_700_000_000_123_456) // '2023-11-14T22:13:20.123456Z'
 * ```
 */
export function formatRecordedAt(micros: EpochMicros): RecordedAt {
  const millis = Math.floor(micros / 1000);
  // A batch append records many events within one millisecond: format its date part once.
  if (millis !== lastMillis) {
    lastMillisIso = new Date(millis).toISOString().slice(0, -1);
    lastMillis = millis;
  }
  const extra = micros - millis * 1000;
  return `${lastMillisIso}${extra < 10 ? '00' : extra < 100 ? '0' : ''}${extra}Z` as RecordedAt;
}

let lastMillis = Number.NaN;
let lastMillisIso = '';

/**
 * Parses a recorded time (or any ISO-8601 instant Date can read, to millisecond precision) into microseconds.
 *
 * @example
 * ```ts
 * parseRecordedAt('2023-11-14T22:13:20.123456Z') // 1_700_000_000_123_456
 * ```
 */
export function parseRecordedAt(text: string): EpochMicros {
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?Z$/.exec(text);
  if (match) {
    const fraction = (match[2] ?? '').padEnd(6, '0');
    return Date.parse(`${match[1]}Z`) * 1000 + Number(fraction);
  }
  return Date.parse(text) * 1000;
}
