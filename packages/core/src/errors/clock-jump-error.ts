import { LedgerError } from './ledger-error.js';

/**
 * The ledger's clock read more than `maxClockJumpDays` ahead of the last recorded time, so the
 * append was refused and nothing was written. Recorded times only move forward: one event recorded
 * in 2999 would make every later event inherit 2999 (plus a microsecond), poisoning "as known at"
 * for good. Correct the clock; if the ledger really lay unused that long, open it with a larger
 * `maxClockJumpDays` (CLI: `--max-clock-jump-days`).
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof ClockJumpError) console.error(`clock says ${e.clockReading}, log ends ${e.lastRecordedAt}`); }
 * ```
 */
export class ClockJumpError extends LedgerError {
  declare readonly code: 'CLOCK_JUMP';

  constructor(
    /** What the clock read, as an ISO-8601 instant. */
    readonly clockReading: string,
    /** The last recorded time in the log; null when the log is empty. */
    readonly lastRecordedAt: string | null,
    /** The bound in force, in days. */
    readonly maxClockJumpDays: number,
    /**
     * How many days ahead of the last recorded time the clock read; null when the reading is past
     * the end of the recorded-time range (the year 2254), where no bound is needed to refuse it.
     */
    readonly daysAhead: number | null,
  ) {
    super(
      'CLOCK_JUMP',
      daysAhead === null
        ? `The ledger's clock reads ${clockReading}, after the end of 2254, beyond which recorded times cannot keep their microseconds exactly (nor strictly increase), so the clock is taken to be wrong and nothing was written. Correct the clock.`
        : `The ledger's clock reads ${clockReading}, ${describeDays(daysAhead)} after the last recorded time ${lastRecordedAt}: more than maxClockJumpDays (${maxClockJumpDays} days) ahead, so the clock is taken to be wrong and nothing was written. Correct the clock; if the ledger really lay unused that long, open it with a larger maxClockJumpDays (CLI: --max-clock-jump-days).`,
    );
  }
}

function describeDays(days: number): string {
  if (days >= 730) return `${Math.floor(days / 365.25)} years`;
  return `${Math.floor(days)} days`;
}
