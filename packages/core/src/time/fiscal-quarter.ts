import type { BusinessDate } from './business-date.js';
import type { FiscalYear } from './fiscal-year.js';

/**
 * A quarter's number within its financial year: Q1 is the first three months of the year.
 *
 * @example
 * ```ts
 * const q: FiscalQuarterNumber = 3;
 * ```
 */
export type FiscalQuarterNumber = 1 | 2 | 3 | 4;

/**
 * One quarter of a financial year with its inclusive first and last days. Reports are cut at
 * `end`, so it is also the quarter's "as at" date.
 *
 * @example
 * ```ts
 * const q3: FiscalQuarter = ukFiscalCalendar.quarterBounds('2023/24', 3);
 * // { fy: { startYear: 2023, label: '2023/24' }, quarter: 3,
 * //   start: '2023-10-01', end: '2023-12-31', label: '2023/24 Q3' }
 * ```
 */
export interface FiscalQuarter {
  readonly fy: FiscalYear;
  readonly quarter: FiscalQuarterNumber;
  readonly start: BusinessDate;
  readonly end: BusinessDate;
  readonly label: string;
}

/**
 * A financial year with its inclusive first and last days.
 *
 * @example
 * ```ts
 * ukFiscalCalendar.yearBounds('2023/24'); // { fy: …, start: '2023-04-01', end: '2024-03-31' }
 * ```
 */
export interface FiscalYearBounds {
  readonly fy: FiscalYear;
  readonly start: BusinessDate;
  readonly end: BusinessDate;
}

/**
 * Type guard for quarter numbers arriving from untyped input (query strings, spreadsheets).
 *
 * @example
 * ```ts
 * isFiscalQuarterNumber(4); // true
 * isFiscalQuarterNumber(5); // false
 * ```
 */
export function isFiscalQuarterNumber(value: unknown): value is FiscalQuarterNumber {
  return value === 1 || value === 2 || value === 3 || value === 4;
}
