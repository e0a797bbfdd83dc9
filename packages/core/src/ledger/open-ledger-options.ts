import type { Upcaster } from '../events/upcasters.js';
import type { StatusKey } from '../status/index.js';
import type { Durability } from '../store/open-database.js';
import type { LedgerClock } from '../store/recorded-clock.js';

/**
 * How to open a ledger. Only `file` is required.
 *
 * @example
 * ```ts
 * const ledger = openLedger({ file: 'plan.db', durability: 'full', busyTimeoutMs: 10_000 });
 * ```
 */
export interface OpenLedgerOptions {
  /** The SQLite file; created on first use. `':memory:'` works for experiments. */
  readonly file: string;
  /** Open read-only: every write path fails with `READ_ONLY`, and the file is never modified. */
  readonly readonly?: boolean;
  /** `'full'` (default): acknowledged appends survive a power cut. `'normal'`: faster, see docs/guarantees.md. */
  readonly durability?: Durability;
  /** How long a write waits for another process's lock before `LEDGER_BUSY`; 5 000 ms by default. */
  readonly busyTimeoutMs?: number;
  /** Status keys beyond the four built-in ones. */
  readonly statusKeys?: readonly StatusKey[];
  /** Upcasters for event data stored at older schema versions. */
  readonly upcasters?: readonly Upcaster[];
  /** The source of recorded times; the system clock by default. For tests and simulations. */
  readonly clock?: LedgerClock;
  /**
   * How many days ahead of the last recorded time the clock may read before an append is refused
   * with `CLOCK_JUMP` (nothing written): a clock set to 2999 must not poison the recorded-time
   * axis for every later event. 1 827 (five years) by default, more than a plan period, so a
   * ledger imported quarterly or dormant for months never trips it. An empty ledger has no bound.
   * A whole number of days, at least 1.
   */
  readonly maxClockJumpDays?: number;
}
