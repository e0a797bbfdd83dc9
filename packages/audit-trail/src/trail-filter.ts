import {
  type AsOf,
  assertOptions,
  type EventType,
  formatRecordedAt,
  isBusinessDate,
  isEventType,
  parseRecordedAt,
  ValidationError,
  type ValidationIssue,
} from '@perfledger/core';
import { type AuditField, auditFields, isAuditField } from './audit-field.js';

type SqlValue = string | number | null;

/**
 * Which trail rows to return, and as known when. Every criterion is optional and they combine
 * with AND; a list means any of its values. Ranges are inclusive at both ends. The keys are
 * strict: an unknown or misplaced one (such as `knownAt` nested under `basis`) is refused.
 *
 * @example
 * ```ts
 * const filter: TrailFilter = {
 *   code: 'DEM1518_02',
 *   field: 'dueDate',
 *   recordedFrom: '2019-07-01', // a date means from 00:00 UTC that day
 *   recordedTo: '2019-09-30', // …and to the end of that day
 *   knownAt: '2019-10-15T23:59:59Z',
 * };
 * ```
 */
export interface TrailFilter {
  /** Action code(s). */
  readonly code?: string | readonly string[];
  readonly field?: AuditField | readonly AuditField[];
  readonly actor?: string | readonly string[];
  readonly eventType?: EventType | readonly EventType[];
  readonly correlationId?: string;
  /** Recorded on or after: an ISO instant, or a date meaning 00:00:00 UTC that day. */
  readonly recordedFrom?: string;
  /** Recorded on or before: an ISO instant, or a date meaning the whole of that day (UTC). */
  readonly recordedTo?: string;
  /** Effective on or after this date (`YYYY-MM-DD`). */
  readonly effectiveFrom?: string;
  /** Effective on or before this date (`YYYY-MM-DD`). */
  readonly effectiveTo?: string;
  /** Effective on or before this business date: the trail as at it (combines with `effectiveTo`). */
  readonly asAt?: AsOf['asAt'];
  /**
   * As known at: an ISO instant, a date (the end of that UTC day) or `{ position }`; omitted: as
   * now known.
   */
  readonly knownAt?: AsOf['knownAt'];
}

/** A filter checked and normalised into SQL conditions and their parameters. */
export interface CompiledFilter {
  readonly where: readonly string[];
  readonly params: readonly SqlValue[];
  /** What to resolve with `ledger.resolveAsOf` (the business date is applied in `where`). */
  readonly knownAt: AsOf['knownAt'];
  /** The recorded-time bounds, normalised, for turning into position bounds. */
  readonly recordedFrom: string | undefined;
  readonly recordedTo: string | undefined;
}

/** The keys a {@link TrailFilter} may have. */
export const TRAIL_FILTER_KEYS: readonly string[] = Object.freeze([
  'code',
  'field',
  'actor',
  'eventType',
  'correlationId',
  'recordedFrom',
  'recordedTo',
  'effectiveFrom',
  'effectiveTo',
  'asAt',
  'knownAt',
]);

/**
 * Validates a {@link TrailFilter} and turns it into portable SQL over `audit_trail`: an unknown
 * key is refused first (core's `assertOptions`), then every bad value is collected into one
 * ValidationError. Recorded times are normalised to the ledger's own format (microseconds, `Z`)
 * so that plain string comparison orders them. `knownAt` is checked by `ledger.resolveAsOf`.
 *
 * @example
 * ```ts
 * const { where, params } = compileTrailFilter({ code: 'DEM1518_02', field: 'dueDate' });
 * // where: ['code IN (?)', 'field IN (?)'], params: ['DEM1518_02', 'dueDate']
 * ```
 */
export function compileTrailFilter(filter: TrailFilter, where_ = 'queryTrail options'): CompiledFilter {
  assertOptions(filter, TRAIL_FILTER_KEYS, where_);
  const issues: ValidationIssue[] = [];
  const where: string[] = [];
  const params: SqlValue[] = [];
  const anyOf = (
    column: string,
    key: keyof TrailFilter,
    check: (value: unknown) => boolean,
    expected: string,
  ) => {
    const raw = filter[key];
    if (raw === undefined) return;
    const values: readonly unknown[] = Array.isArray(raw) ? raw : [raw];
    if (values.length === 0) issues.push({ path: [key], message: 'must not be an empty list' });
    values.forEach((value, index) => {
      if (!check(value))
        issues.push({ path: Array.isArray(raw) ? [key, index] : [key], message: `must be ${expected}` });
    });
    if (values.length > 0) {
      where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...(values as SqlValue[]));
    }
  };
  const nonEmpty = (value: unknown) => typeof value === 'string' && value.length > 0;
  anyOf('code', 'code', nonEmpty, 'a non-empty action code');
  anyOf('field', 'field', isAuditField, `one of ${auditFields.join(', ')}`);
  anyOf('actor', 'actor', nonEmpty, 'a non-empty actor name');
  anyOf(
    'event_type',
    'eventType',
    (value) => typeof value === 'string' && isEventType(value),
    'an event type',
  );
  anyOf('correlation_id', 'correlationId', nonEmpty, 'a non-empty correlation id');

  const recorded = (key: 'recordedFrom' | 'recordedTo', operator: string): string | undefined => {
    const value = filter[key];
    if (value === undefined) return undefined;
    const instant = recordedBound(value, key === 'recordedFrom' ? 'start' : 'end');
    if (instant === undefined) {
      issues.push({ path: [key], message: 'must be an ISO-8601 instant or a date YYYY-MM-DD' });
      return undefined;
    }
    where.push(`recorded_at ${operator} ?`);
    params.push(instant);
    return instant;
  };
  const recordedFrom = recorded('recordedFrom', '>=');
  const recordedTo = recorded('recordedTo', '<=');

  const effective = (key: 'effectiveFrom' | 'effectiveTo' | 'asAt', operator: string) => {
    const value = filter[key];
    if (value === undefined) return;
    if (!isBusinessDate(value)) {
      issues.push({ path: [key], message: 'must be a real calendar date YYYY-MM-DD' });
      return;
    }
    where.push(`effective_on ${operator} ?`);
    params.push(value);
  };
  effective('effectiveFrom', '>=');
  effective('effectiveTo', '<=');
  effective('asAt', '<=');

  if (issues.length > 0) {
    const summary = issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ValidationError(`Invalid trail filter: ${summary}`, issues);
  }
  return { where, params, knownAt: filter.knownAt, recordedFrom, recordedTo };
}

/** Normalises a recorded-time bound; a bare date covers its whole UTC day. */
function recordedBound(value: unknown, end: 'start' | 'end'): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (isBusinessDate(value)) return `${value}T${end === 'start' ? '00:00:00.000000' : '23:59:59.999999'}Z`;
  if (!/^\d{4}-\d\d-\d\dT/.test(value)) return undefined;
  const micros = parseRecordedAt(value);
  return Number.isFinite(micros) ? formatRecordedAt(micros) : undefined;
}
