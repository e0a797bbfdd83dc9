import type { FiscalCalendar, FiscalQuarterNumber } from '@perfledger/core';
import type { AuditField } from '../audit-field.js';
import type { TrailBasis } from '../trail-basis.js';

/**
 * A published quarter-end report: which quarter, and when it went out. Until the ledger records
 * `ReportPublished` events, callers pass these in.
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
 * What {@link explain} explains and how it judges lateness.
 *
 * @example
 * ```ts
 * const options: ExplainOptions = { field: 'dueDate', backdatedAfterDays: 14, publications: [q1] };
 * ```
 */
export interface ExplainOptions {
  /** The field whose story to tell; `dueDate` by default. */
  readonly field?: AuditField;
  /** As known at; omitted: as now known. */
  readonly basis?: TrailBasis;
  /** Quarters for "quarters moved", back-dating and publications; the UK calendar by default. */
  readonly calendar?: FiscalCalendar;
  /** Published reports to check late changes against. */
  readonly publications?: readonly Publication[];
  /**
   * A change recorded more than this many days after its effective date counts as back-dated
   * even within the same quarter. 30 by default: about one monthly reporting cycle.
   */
  readonly backdatedAfterDays?: number;
}
