import type { BusinessDate, EventType, Ledger } from '@perfledger/core';
import type { AuditField } from '../audit-field.js';
import { AUDIT_TRAIL_TABLE } from '../audit-trail-table.js';
import { fieldValueAsAt } from '../field-value-as-at.js';

/** One `audit_trail` row as {@link explain} reads it. */
export interface TrailRecord {
  readonly position: number;
  readonly field: AuditField;
  readonly recordedAt: string;
  readonly effectiveOn: BusinessDate;
  readonly actor: string | null;
  readonly before: string | null;
  readonly after: string | null;
  readonly reason: string | null;
  readonly note: string | null;
  readonly approver: string | null;
  readonly approvalReference: string | null;
  readonly eventType: EventType;
  readonly eventId: string;
  readonly correlationId: string | null;
  readonly source: string | null;
}

const TRAIL_RECORD_COLUMNS = `position, field, recorded_at AS recordedAt, effective_on AS effectiveOn, actor, before,
  after, reason, note, approver, approval_reference AS approvalReference, event_type AS eventType, event_id AS eventId,
  correlation_id AS correlationId, source`;

/** Reads a field's value as at a date, as known at a position. */
export type FieldValueReader = (field: AuditField, asAt: string, upToPosition: number) => string | null;

/**
 * Every trail row of one action as known at a position, read with one portable query, and the
 * "as at D, as known at P" lookup over them in memory (the fold the projection uses for
 * "before"). Rows are in (position, field order).
 */
export interface ActionTrail {
  readonly records: readonly TrailRecord[];
  readonly valueAt: FieldValueReader;
}

/**
 * Reads one action's trail up to `upTo` (the read must already be pinned and checked ready).
 *
 * @example
 * ```ts
 * const { records, valueAt } = await readActionTrail(ledger, 'DEM1518_02', upTo);
 * valueAt('dueDate', '2019-12-31', upTo); // '2020-12-31'
 * ```
 */
export async function readActionTrail(ledger: Ledger, code: string, upTo: number): Promise<ActionTrail> {
  const records = await ledger.query.all<TrailRecord>(
    `SELECT ${TRAIL_RECORD_COLUMNS} FROM ${AUDIT_TRAIL_TABLE}
     WHERE code = ? AND position <= ? ORDER BY position, seq`,
    [code, upTo],
  );
  const valueAt: FieldValueReader = (field, asAt, upToPosition) =>
    fieldValueAsAt(knownAt(records, upToPosition), field, asAt, {
      // Registration always names a title, so its title row marks where the registration sits.
      isRegistration: (record) => record.field === 'title' && record.eventType === 'ActionRegistered',
      valueOf: (record) => (record.field === field ? record.after : undefined),
    });
  return { records, valueAt };
}

function* knownAt(records: readonly TrailRecord[], upTo: number): Generator<TrailRecord> {
  for (const record of records) {
    if (record.position > upTo) return;
    yield record;
  }
}
