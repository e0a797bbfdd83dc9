import type { AsOf, FiscalCalendar, FiscalQuarterNumber } from '@perfledger/core';
import type { AuditField } from '../audit-field.js';

/**
 * A published quarter-end report: which quarter, and when it went out. `explain` reads the
 * ledger's own `ReportPublished` events itself; pass these only for reports published outside
 * the ledger.
 *
 * @example
 * ```ts
 * const q1: Publication = { fy: '2019/20', quarter: 1, publishedAt: '2019-08-05T10:00:00Z' };
 * ```
 */
export interface Publication {
  /** Financial year label, such as "2019/20". */
  readonly fy: string;
  readonly quarter: FiscalQuarterNumber;
  /** When the report was published: an ISO-8601 instant. */
  readonly publishedAt: string;
}

/**
 * What {@link explain} explains, as known when, and how it judges lateness. The keys are
 * strict: an unknown or misplaced one (such as `knownAt` nested under `basis`) is refused.
 *
 * @example
 * ```ts
 * const options: ExplainOptions = { field: 'dueDate', knownAt: '2020-01-20T10:00:00Z', backdatedAfterDays: 14, publications: [q1] };
 * ```
 */
export interface ExplainOptions {
  /** The field whose story to tell; `dueDate` by default. */
  readonly field?: AuditField;
  /**
   * As known at: an ISO instant, a date (the end of that UTC day) or `{ position }`; omitted: as
   * now known.
   */
  readonly knownAt?: AsOf['knownAt'];
  /** Quarters for "quarters moved", back-dating and publications; the UK calendar by default. */
  readonly calendar?: FiscalCalendar;
  /** Reports published outside the ledger to check late changes against, besides its own `ReportPublished` events. */
  readonly publications?: readonly Publication[];
  /**
   * A change recorded more than this many days after its effective date counts as back-dated
   * even within the same quarter. 30 by default: about one monthly reporting cycle.
   */
  readonly backdatedAfterDays?: number;
}

/** The keys an {@link ExplainOptions} may have. */
export const EXPLAIN_OPTION_KEYS: readonly string[] = Object.freeze([
  'field',
  'knownAt',
  'calendar',
  'publications',
  'backdatedAfterDays',
]);
