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
    /** The last recorded time in the log. */
    readonly lastRecordedAt: string,
    /** The bound in force, in days. */
    readonly maxClockJumpDays: number,
    /** How many days ahead of the last recorded time the clock read. */
    readonly daysAhead: number,
  ) {
    const days = daysAhead;
    super(
      'CLOCK_JUMP',
      `The ledger's clock reads ${clockReading}, ${describeDays(days)} after the last recorded time ${lastRecordedAt}: more than maxClockJumpDays (${maxClockJumpDays} days) ahead, so the clock is taken to be wrong and nothing was written. Correct the clock; if the ledger really lay unused that long, open it with a larger maxClockJumpDays (CLI: --max-clock-jump-days).`,
    );
  }
}

function describeDays(days: number): string {
  if (days >= 730) return `${Math.floor(days / 365.25)} years`;
  return `${Math.floor(days)} days`;
}
