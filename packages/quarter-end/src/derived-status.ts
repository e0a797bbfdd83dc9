import { type BusinessDate, daysBetween } from '@perfledger/core';

/**
 * The statuses Pentana derives from the facts, in the order reports print them. "Not Started"
 * is an officer's judgement, not something the facts show, so it is never derived.
 *
 * @example
 * ```ts
 * derivedStatuses[0]; // 'In Progress'
 * ```
 */
export const derivedStatuses = Object.freeze([
  'In Progress',
  'Warning',
  'Overdue',
  'Completed',
  'Cancelled',
] as const);

/**
 * One of {@link derivedStatuses}.
 *
 * @example
 * ```ts
 * const status: DerivedStatus = 'Overdue';
 * ```
 */
export type DerivedStatus = (typeof derivedStatuses)[number];

/**
 * The warning window used when none is given: an action due within 30 days is a Warning.
 *
 * @example
 * ```ts
 * await quarterEndView(ledger, { fy: '2023/24', quarter: 3, warningWindowDays: DEFAULT_WARNING_WINDOW_DAYS * 2 });
 * ```
 */
export const DEFAULT_WARNING_WINDOW_DAYS = 30;

/**
 * The facts a derived status depends on.
 *
 * @example
 * ```ts
 * const facts: DerivedStatusFacts = { dueDate: '2019-06-30' as BusinessDate, closed: null };
 * ```
 */
export interface DerivedStatusFacts {
  readonly dueDate: BusinessDate;
  readonly closed: { readonly outcome: 'completed' | 'cancelled' } | null;
}

/**
 * Pentana's status derived from the facts as at `asAt` (docs/concepts.md, "Status: reported and derived"): Completed when closed as
 * done; Cancelled when closed as cancelled; Overdue when open and the due date is before
 * `asAt`; Warning when open and due on `asAt` or within `warningWindowDays` days after it;
 * In Progress otherwise. With a window of 0 only an action due on `asAt` itself is a Warning.
 *
 * @example
 * ```ts
 * derivedStatusOf({ dueDate: '2019-06-30', closed: null }, '2019-09-30'); // 'Overdue'
 * derivedStatusOf({ dueDate: '2019-10-15', closed: null }, '2019-09-30'); // 'Warning'
 * derivedStatusOf({ dueDate: '2019-10-15', closed: null }, '2019-09-30', 7); // 'In Progress'
 * ```
 */
export function derivedStatusOf(
  facts: DerivedStatusFacts,
  asAt: BusinessDate,
  warningWindowDays: number = DEFAULT_WARNING_WINDOW_DAYS,
): DerivedStatus {
  if (facts.closed !== null) return facts.closed.outcome === 'completed' ? 'Completed' : 'Cancelled';
  if (facts.dueDate < asAt) return 'Overdue';
  return daysBetween(asAt, facts.dueDate) <= warningWindowDays ? 'Warning' : 'In Progress';
}
