import type { EventType } from '@perfledger/core';
import type { AuditField } from './audit-field.js';

/**
 * One changed field of one event, as `queryTrail` returns it and `trail --format json` prints
 * it. Values are the table's TEXT encoding: dates `YYYY-MM-DD`, progress a decimal string,
 * closure `open` / `completed` / `cancelled`, null for "not set".
 *
 * @example
 * ```ts
 * const row: AuditRow = {
 *   position: 7, recordedAt: '2019-07-15T09:30:00.000000Z', effectiveOn: '2019-07-01', actor: 'j.smith',
 *   code: 'DEM1518_02', field: 'dueDate', before: '2019-06-30', after: '2020-12-31',
 *   reason: 'Due date revised from June 2019.', eventType: 'DueDateRevised',
 *   eventId: '0190f0c2-…', correlationId: null, source: 'cli',
 * };
 * ```
 */
export interface AuditRow {
  /** The event's global position: the "as known" axis. */
  readonly position: number;
  /** When the ledger recorded the event: ISO-8601 UTC with microseconds. */
  readonly recordedAt: string;
  /** The business date the change is true from: `YYYY-MM-DD`. */
  readonly effectiveOn: string;
  readonly actor: string | null;
  /** The action's code. */
  readonly code: string;
  readonly field: AuditField;
  /** The value as at `effectiveOn` as known just before this event; null for registration. */
  readonly before: string | null;
  readonly after: string | null;
  /** The revision's or reopening's reason, else the event's note. */
  readonly reason: string | null;
  readonly eventType: EventType;
  readonly eventId: string;
  readonly correlationId: string | null;
  /** Where the change came from ("cli", a file name). */
  readonly source: string | null;
}

/**
 * The keys of {@link AuditRow} in export order: the CSV header and the JSON key order.
 *
 * @example
 * ```ts
 * auditRowKeys[0]; // 'position'
 * ```
 */
export const auditRowKeys = Object.freeze([
  'position',
  'recordedAt',
  'effectiveOn',
  'actor',
  'code',
  'field',
  'before',
  'after',
  'reason',
  'eventType',
  'eventId',
  'correlationId',
  'source',
] as const satisfies readonly (keyof AuditRow)[]);

/** The SQL select list that yields an {@link AuditRow} per table row. */
export const AUDIT_ROW_COLUMNS = `position, recorded_at AS recordedAt, effective_on AS effectiveOn, actor, code,
  field, before, after, reason, event_type AS eventType, event_id AS eventId, correlation_id AS correlationId, source`;
