import type { FiscalQuarterNumber } from '@perfledger/core';

/** The output formats of `report quarter`. */
export type QuarterReportFormat = 'table' | 'json' | 'csv' | 'md' | 'html';

/** How the quarter's counts are broken down, besides the overall totals. */
export type GroupBy = 'plan' | 'directorate' | 'section';

/**
 * Everything a quarter-end report is rendered from, besides the log itself. With the position it
 * pins the report exactly: the same parameters over the same log prefix give the same bytes,
 * which is what makes a published report reproducible.
 */
export interface QuarterReportParameters {
  readonly fy: string;
  readonly quarter: FiscalQuarterNumber;
  readonly format: QuarterReportFormat;
  readonly by?: GroupBy | undefined;
  readonly warningWindowDays: number;
  /** How the basis is described: as now known (at `position`), or as known at an earlier time. */
  readonly basis: { readonly kind: 'now' } | { readonly kind: 'known-at'; readonly knownAt: string };
  /** The log position the report is based on. */
  readonly position: number;
}

/** Parameters as recorded in a `ReportPublished` event (strings only), and back. */
export function parametersToRecord(parameters: QuarterReportParameters): Record<string, string> {
  return {
    basis: parameters.basis.kind,
    ...(parameters.basis.kind === 'known-at' ? { knownAt: parameters.basis.knownAt } : {}),
    ...(parameters.by === undefined ? {} : { by: parameters.by }),
    warningWindowDays: String(parameters.warningWindowDays),
  };
}
