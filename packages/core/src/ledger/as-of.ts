import type { BusinessDate } from '../time/index.js';

/**
 * A point on both time axes: the business date the state is as at, and what the ledger knew
 * (at a recorded time, or at a global position). Omitted parts mean "latest".
 *
 * @example
 * ```ts
 * // 1.02.20 as at 31 Dec 2023, as known on 15 Jan 2024
 * ledger.getAction('1.02.20', { asAt: '2023-12-31', knownAt: '2024-01-15T23:59:59Z' });
 * ```
 */
export interface AsOf {
  /** Effective-date axis: include facts effective on or before this date. */
  readonly asAt?: BusinessDate | string;
  /** Recorded-time axis: an ISO instant, or `{ position }` for "the first N events". */
  readonly knownAt?: string | { readonly position: number };
}
