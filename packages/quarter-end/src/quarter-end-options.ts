import {
  type AsOf,
  assertOptions,
  type BusinessDate,
  type FiscalCalendar,
  type FiscalQuarterNumber,
  type FiscalYearInput,
  isFiscalQuarterNumber as isQuarterNumber,
  LedgerError,
  ukFiscalCalendar,
  ValidationError,
  type ValidationIssue,
} from '@perfledger/core';
import { DEFAULT_WARNING_WINDOW_DAYS } from './derived-status.js';
import type { DisagreementRules } from './disagreement.js';

/**
 * What the ledger knew: at a recorded instant (ISO-8601), at the end of a plain date (UTC), or
 * after its first N events. Core's `AsOf['knownAt']`.
 *
 * @example
 * ```ts
 * const cutOff: KnownAt = '2024-01-15T17:00:00Z'; // or '2024-01-15', or { position: 4180 }
 * ```
 */
export type KnownAt = NonNullable<AsOf['knownAt']>;

/**
 * Which quarter-end report to produce. Only `fy` and `quarter` are required.
 *
 * @example
 * ```ts
 * const options: QuarterEndOptions = { fy: '2023/24', quarter: 3, knownAt: '2024-01-15T17:00:00Z', directorate: 'Resources' };
 * ```
 */
export interface QuarterEndOptions {
  /** The financial year: a label such as "2023/24", or its start year. */
  readonly fy: FiscalYearInput;
  /** 1 to 4; Q1 starts the financial year. */
  readonly quarter: number;
  /** What the ledger knew; omitted = as now known. The as-at date is the quarter end. */
  readonly knownAt?: KnownAt;
  /** Days before the due date from which an open action is a Warning; 30 by default. */
  readonly warningWindowDays?: number;
  /** The organisation's financial year; the UK's April year by default. */
  readonly calendar?: FiscalCalendar;
  /** Only actions of this plan (as at the quarter end). */
  readonly plan?: string;
  /** Only actions of this directorate (as at the quarter end). */
  readonly directorate?: string;
  /** Only actions of this section (as at the quarter end). */
  readonly section?: string;
  /** How reported statuses are judged against derived ones; see {@link DisagreementRules}. */
  readonly disagreementRules?: DisagreementRules;
}

/** The keys a {@link QuarterEndOptions} may have: anything else is refused. */
export const QUARTER_END_OPTION_KEYS: readonly (keyof QuarterEndOptions)[] = Object.freeze([
  'fy',
  'quarter',
  'knownAt',
  'warningWindowDays',
  'calendar',
  'plan',
  'directorate',
  'section',
  'disagreementRules',
]);

/**
 * Refuses an options object with a key not in `allowed`, naming it (core's `assertOptions`), and
 * explains `asAt` in particular: a quarter-end report is as at the quarter end, which `fy` and
 * `quarter` fix, so an `asAt` would be silently contradicted.
 *
 * @throws ValidationError naming the key.
 * @example
 * ```ts
 * assertQuarterOptions({ fy: '2023/24', quarter: 3, basis: {} }, QUARTER_END_OPTION_KEYS, 'quarterEndView options');
 * // ValidationError: quarterEndView options has an unknown key 'basis'; …
 * ```
 */
export function assertQuarterOptions(options: unknown, allowed: readonly string[], where: string): void {
  if (typeof options === 'object' && options !== null && 'asAt' in options) {
    throw new ValidationError(
      `${where} cannot have asAt: a quarter-end report is as at the quarter end, set by fy and quarter.`,
      [{ path: ['asAt'], message: 'is the quarter end (set by fy and quarter); remove it' }],
    );
  }
  assertOptions(options, allowed, where);
}

/** Options after validation, with the quarter's dates worked out. */
export interface ResolvedQuarter {
  readonly fy: string;
  readonly quarter: FiscalQuarterNumber;
  readonly quarterStart: BusinessDate;
  readonly quarterEnd: BusinessDate;
  readonly yearStart: BusinessDate;
  readonly warningWindowDays: number;
  readonly filters: { readonly plan?: string; readonly directorate?: string; readonly section?: string };
}

const MAX_WARNING_WINDOW_DAYS = 3_660;

/**
 * Validates the options shared by every quarter-end query and resolves the quarter's dates.
 * Every problem is collected, so one error names them all.
 *
 * @throws ValidationError with one issue per bad option.
 * @example
 * ```ts
 * resolveQuarter({ fy: '2023/24', quarter: 3 }).quarterEnd; // '2023-12-31'
 * ```
 */
export function resolveQuarter(
  options: Omit<QuarterEndOptions, 'knownAt' | 'disagreementRules'>,
): ResolvedQuarter {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('Quarter-end options are required, e.g. { fy: "2023/24", quarter: 3 }.', [
      { path: [], message: 'must be an object with fy and quarter' },
    ]);
  }
  const issues: ValidationIssue[] = [];
  const calendar = options.calendar ?? ukFiscalCalendar;
  if (typeof calendar?.quarterBounds !== 'function' || typeof calendar.yearBounds !== 'function') {
    issues.push({ path: ['calendar'], message: 'must be a FiscalCalendar (createFiscalCalendar)' });
  }
  const quarter = options.quarter;
  if (!isQuarterNumber(quarter)) {
    issues.push({ path: ['quarter'], message: 'must be 1, 2, 3 or 4' });
  }
  const warningWindowDays = options.warningWindowDays ?? DEFAULT_WARNING_WINDOW_DAYS;
  if (
    !Number.isSafeInteger(warningWindowDays) ||
    warningWindowDays < 0 ||
    warningWindowDays > MAX_WARNING_WINDOW_DAYS
  ) {
    issues.push({
      path: ['warningWindowDays'],
      message: `must be a whole number of days from 0 to ${MAX_WARNING_WINDOW_DAYS}`,
    });
  }
  const filters: { plan?: string; directorate?: string; section?: string } = {};
  for (const name of ['plan', 'directorate', 'section'] as const) {
    const value = options[name];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.trim() === '') {
      issues.push({ path: [name], message: 'must be a non-empty string' });
    } else {
      filters[name] = value;
    }
  }
  let bounds: { fy: string; start: BusinessDate; end: BusinessDate; yearStart: BusinessDate } | undefined;
  if (issues.every((issue) => issue.path[0] !== 'calendar')) {
    try {
      const year = calendar.yearBounds(options.fy);
      if (isQuarterNumber(quarter)) {
        const q = calendar.quarterBounds(year.fy, quarter);
        bounds = { fy: q.fy.label, start: q.start, end: q.end, yearStart: year.start };
      }
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
      issues.push({ path: ['fy'], message: error.message });
    }
  }
  if (issues.length > 0 || bounds === undefined) {
    const summary = issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ValidationError(`Invalid quarter-end options: ${summary}`, issues);
  }
  return {
    fy: bounds.fy,
    quarter: quarter as FiscalQuarterNumber,
    quarterStart: bounds.start,
    quarterEnd: bounds.end,
    yearStart: bounds.yearStart,
    warningWindowDays,
    filters,
  };
}
