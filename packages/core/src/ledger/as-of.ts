import type { BusinessDate } from '../time/index.js';

/**
 * A point on both time axes, the one way every read says "as of": the business date the state
 * is as at, and what the ledger knew then. Omitted parts mean "latest". Every read takes these
 * two keys flat in its options (`quarterEndView(ledger, { fy, quarter, knownAt })`).
 *
 * - `asAt`: the effective-date axis, a business date `YYYY-MM-DD`: facts effective on or before it.
 * - `knownAt`: the recorded-time axis: an ISO instant with `Z` or an offset
 *   (`'2024-01-15T09:00:00Z'`), a plain date meaning the end of that day in UTC
 *   (`'2024-01-15'` is `2024-01-15T23:59:59.999999Z`), or `{ position }` for "the first N events".
 *
 * @example
 * ```ts
 * // 1.02.20 as at 31 Dec 2023, as known at the end of 15 Jan 2024
 * await ledger.getAction('1.02.20', { asAt: '2023-12-31', knownAt: '2024-01-15' });
 * ```
 */
export interface AsOf {
  /** Effective-date axis: include facts effective on or before this date. */
  readonly asAt?: BusinessDate | string;
  /** Recorded-time axis: an ISO instant, a plain date (end of that day, UTC), or `{ position }`. */
  readonly knownAt?: KnownAt;
}

/** The recorded-time half of {@link AsOf}. */
export type KnownAt = string | { readonly position: number };

/** The keys of {@link AsOf}, for strict option checks of reads that take them flat. */
export const AS_OF_KEYS = Object.freeze(['asAt', 'knownAt'] as const);

/**
 * An {@link AsOf} resolved against one ledger: the business date (undefined: latest) and the
 * position the read is pinned to, so it is stable while others append.
 */
export interface ResolvedAsOf {
  readonly asAt: BusinessDate | undefined;
  readonly upTo: number;
}
