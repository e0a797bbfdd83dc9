import { type EventEnvelope, eventTypes, type Projection } from '@perfledger/core';
import { auditFields } from './audit-field.js';
import { AUDIT_TRAIL_TABLE, auditTrailTable } from './audit-trail-table.js';
import { changeContextOf, fieldChangesOf } from './field-change.js';
import { fieldValueReader } from './field-value-reader.js';

const ACTION_STREAM = 'action:';

/**
 * The field-level audit trail: for every event, one `audit_trail` row per field it sets, with
 * the value before and after, who recorded it and why. "Before" is the field's value as at the
 * event's effective date as known just before the event was recorded, read from rows of
 * earlier positions only, so processing events one by one equals a rebuild, row for row.
 *
 * @example
 * ```ts
 * import { ProjectionRunner } from '@perfledger/core';
 * new ProjectionRunner(ledger, [auditTrailProjection]).start();
 * ```
 */
export const auditTrailProjection: Projection = Object.freeze<Projection>({
  name: 'audit',
  version: 1,
  eventTypes,
  tables: [auditTrailTable],
  handler(db) {
    const valueAt = fieldValueReader(db);
    const insert = db.prepare(
      `INSERT INTO ${AUDIT_TRAIL_TABLE} (position, seq, recorded_at, effective_on, actor, code, field, before, after,
         reason, note, approver, approval_reference, event_type, event_id, correlation_id, source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return (event: EventEnvelope) => {
      if (!event.stream.startsWith(ACTION_STREAM)) return;
      const code = event.stream.slice(ACTION_STREAM.length);
      const context = changeContextOf(event);
      for (const { field, after } of fieldChangesOf(event)) {
        // A registration starts from nothing, even when a (directly appended) second one resets the action.
        const before =
          event.type === 'ActionRegistered'
            ? null
            : valueAt(code, field, event.effectiveOn, event.position - 1);
        insert.run(
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
        );
      }
    };
  },
});
