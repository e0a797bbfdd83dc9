import {
  type EventEnvelope,
  type EventFact,
  eventTypes,
  type Projection,
  type ProjectionRow,
} from '@perfledger/core';
import { type AuditField, auditFields } from './audit-field.js';
import { AUDIT_TRAIL_TABLE, auditTrailTable } from './audit-trail-table.js';
import { changeContextOf, changedValue, fieldChangesOf } from './field-change.js';
import { fieldValueAsAt } from './field-value-as-at.js';

const ACTION_STREAM = 'action:';

/**
 * The field's value as at the event's effective date as known just before the event: folded in
 * memory from the stream's earlier events (which is all the projection is given).
 */
function beforeValue(history: readonly EventFact[], field: AuditField, asAt: string): string | null {
  return fieldValueAsAt(history, field, asAt, {
    isRegistration: (fact) => fact.type === 'ActionRegistered',
    valueOf: (fact) => changedValue(fact, field),
  });
}

/**
 * The `audit_trail` rows of one event: one per field it sets, in field order, with the value
 * before and after, who recorded it and why. Pure: depends on the event and on the earlier
 * events of its stream only.
 */
function* auditRowsOf(event: EventEnvelope, history: readonly EventFact[]): Generator<ProjectionRow> {
  if (!event.stream.startsWith(ACTION_STREAM)) return;
  const code = event.stream.slice(ACTION_STREAM.length);
  const context = changeContextOf(event);
  for (const { field, after } of fieldChangesOf(event)) {
    // A registration starts from nothing, even when a (directly appended) second one resets the action.
    const before = event.type === 'ActionRegistered' ? null : beforeValue(history, field, event.effectiveOn);
    yield {
      table: AUDIT_TRAIL_TABLE,
      values: [
        event.position,
        auditFields.indexOf(field),
        event.recordedAt,
        event.effectiveOn,
        event.actor,
        code,
        field,
        before,
        after,
        context.reason,
        context.note,
        context.approver,
        context.approvalReference,
        event.type,
        event.eventId,
        event.correlationId,
        event.source,
      ],
    };
  }
}

/**
 * The field-level audit trail: for every event, one `audit_trail` row per field it sets, with
 * the value before and after, who recorded it and why. "Before" is the field's value as at the
 * event's effective date as known just before the event was recorded, folded in memory from
 * the stream's earlier events (`history: true`), so processing events one by one equals a
 * rebuild, row for row, and a rebuild never reads its own table back.
 *
 * @example
 * ```ts
 * import { openLedger } from '@perfledger/sqlite';
 * const ledger = await openLedger({ file: 'plan.db', projections: [auditTrailProjection] });
 * ```
 */
export const auditTrailProjection: Projection = Object.freeze<Projection>({
  name: 'audit',
  // 2: declared table (no STRICT / WITHOUT ROWID), three unused indexes dropped.
  version: 2,
  eventTypes,
  tables: Object.freeze([auditTrailTable]),
  history: true,
  rows: auditRowsOf,
});
