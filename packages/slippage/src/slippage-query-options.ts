import {
  type AsOf,
  assertOptions,
  type FiscalCalendar,
  ukFiscalCalendar,
  ValidationError,
  type ValidationIssue,
} from '@perfledger/core';
import { DEFAULT_SLIPPAGE_THRESHOLD, type SlippageThreshold } from './slippage-threshold.js';

/**
 * Options shared by {@link slippageReport} and {@link slippageSummary}. The basis is core's
 * {@link AsOf}, given flat: `asAt` (a business date) and `knownAt` (an ISO instant, a plain date
 * meaning the end of that day UTC, or `{ position }`); omitted, "as now known".
 *
 * @example
 * ```ts
 * const options: SlippageQueryOptions = { plan: 'Corporate Plan 2018-23', thresholdDays: 92, asAt: '2023-12-31' };
 * ```
 */
export interface SlippageQueryOptions extends AsOf {
  /** "Behind" means at least this many fiscal quarters late; 1 by default. Not with `thresholdDays`. */
  readonly thresholdQuarters?: number;
  /** "Behind" means at least this many days late instead of a number of quarters. */
  readonly thresholdDays?: number;
  /** Fiscal quarters are counted with this calendar; the UK April year by default. */
  readonly calendar?: FiscalCalendar;
  /** Only actions whose plan, as at the basis, is this one. */
  readonly plan?: string;
  /** Only actions whose directorate, as at the basis, is this one. */
  readonly directorate?: string;
}

/** Options after validation, with defaults filled in; `asOf` is still to be resolved by the ledger. */
export interface CheckedQueryOptions {
  readonly asOf: AsOf;
  readonly threshold: SlippageThreshold;
  readonly calendar: FiscalCalendar;
  readonly plan: string | undefined;
  readonly directorate: string | undefined;
  readonly code: string | undefined;
}

const SHARED_KEYS = [
  'asAt',
  'knownAt',
  'thresholdQuarters',
  'thresholdDays',
  'calendar',
  'plan',
  'directorate',
];

/**
 * Validates query options and fills in the defaults. Options are strict (core's
 * `assertOptions`): an unknown or misplaced key, such as a `knownAt` nested under `basis`, is
 * refused rather than silently ignored. `extraKeys` are options the caller handles itself. The
 * basis (`asAt`, `knownAt`) is checked later by `ledger.resolveAsOf`.
 *
 * @throws ValidationError naming the unknown keys, or listing every bad value.
 * @example
 * ```ts
 * checkQueryOptions({ thresholdDays: 92 }, ['code'], 'slippageReport').threshold; // { days: 92 }
 * ```
 */
export function checkQueryOptions(
  options: unknown,
  extraKeys: readonly string[],
  query: string,
): CheckedQueryOptions {
  const record = (options === undefined ? {} : options) as Record<string, unknown>;
  assertOptions(record, [...SHARED_KEYS, ...extraKeys], `${query} options`);
  const issues: ValidationIssue[] = [];
  const text = (key: string): string | undefined => {
    const value = record[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      issues.push({ path: [key], message: 'must be a non-empty string' });
      return undefined;
    }
    return value;
  };
  const count = (key: string): number | undefined => {
    const value = record[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      issues.push({ path: [key], message: 'must be a whole number of at least 1' });
      return undefined;
    }
    return value;
  };
  const plan = text('plan');
  const directorate = text('directorate');
  const code = extraKeys.includes('code') ? text('code') : undefined;
  const quarters = count('thresholdQuarters');
  const days = count('thresholdDays');
  if (record.thresholdQuarters !== undefined && record.thresholdDays !== undefined) {
    issues.push({ path: ['thresholdDays'], message: 'give thresholdQuarters or thresholdDays, not both' });
  }
  const calendar = record.calendar ?? ukFiscalCalendar;
  if (!isFiscalCalendar(calendar)) {
    issues.push({
      path: ['calendar'],
      message: 'must be a FiscalCalendar, e.g. createFiscalCalendar({ startMonth: 4 })',
    });
  }
  if (issues.length > 0) {
    const summary = issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ValidationError(`${query}: invalid options: ${summary}`, issues);
  }
  const asOf: { asAt?: string; knownAt?: NonNullable<AsOf['knownAt']> } = {};
  if (record.asAt !== undefined) asOf.asAt = record.asAt as string;
  if (record.knownAt !== undefined) asOf.knownAt = record.knownAt as NonNullable<AsOf['knownAt']>;
  return {
    asOf,
    threshold:
      days !== undefined
        ? Object.freeze({ days })
        : quarters !== undefined
          ? Object.freeze({ quarters })
          : DEFAULT_SLIPPAGE_THRESHOLD,
    calendar: calendar as FiscalCalendar,
    plan,
    directorate,
    code,
  };
}

function isFiscalCalendar(value: unknown): value is FiscalCalendar {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<FiscalCalendar>;
  return typeof candidate.quarterOf === 'function' && typeof candidate.quartersBetween === 'function';
}
