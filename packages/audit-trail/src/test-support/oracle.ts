import { type ActionState, type EventEnvelope, foldAction } from '@perfledger/core';
import type { AuditField } from '../audit-field.js';
import type { AuditRow } from '../audit-row.js';

// An independent statement of the spec, written against core's foldAction rather than the table.

const ORDER: readonly AuditField[] = [
  'title',
  'description',
  'plan',
  'directorate',
  'section',
  'owner',
  'statusKey',
  'dueDate',
  'percentComplete',
  'status',
  'closed',
  'comment',
];

/** A field of a folded state in the table's TEXT encoding. */
export function encodeField(state: ActionState | undefined, field: AuditField): string | null {
  if (state === undefined) return null;
  switch (field) {
    case 'percentComplete':
      // Unknown until reported: NULL, never '0'.
      return state.percentComplete === null ? null : String(state.percentComplete);
    case 'closed':
      return state.closed?.outcome ?? 'open';
    case 'comment':
      return state.lastComment?.text ?? null;
    default:
      return state[field];
  }
}

function setFields(event: EventEnvelope): Map<AuditField, string | null> {
  const data = event.data as Record<string, unknown>;
  const fields = new Map<AuditField, string | null>();
  switch (event.type) {
    case 'ActionRegistered':
    case 'ActionDetailsAmended':
      for (const [key, value] of Object.entries(data)) {
        if (key !== 'note' && key !== 'code') fields.set(key as AuditField, value as string);
      }
      break;
    case 'ProgressUpdated':
      fields.set('percentComplete', String(event.data.percentComplete));
      break;
    case 'StatusChanged':
      fields.set('status', event.data.status);
      if (event.data.reasonIsComment === true) fields.set('comment', event.data.reason ?? null);
      break;
    case 'DueDateRevised':
      fields.set('dueDate', event.data.to);
      if (event.data.reasonIsComment === true) fields.set('comment', event.data.reason);
      break;
    case 'DueDateCorrected':
      fields.set('dueDate', event.data.corrected);
      break;
    case 'ActionClosed':
      fields.set('closed', event.data.outcome);
      if (event.data.reasonIsComment === true) fields.set('comment', event.data.reason ?? null);
      break;
    case 'ActionReopened':
      fields.set('closed', 'open');
      if (event.data.reasonIsComment === true) fields.set('comment', event.data.reason);
      break;
    case 'CommentAdded':
      fields.set('comment', event.data.comment);
      break;
    case 'ReturnStated':
      // A return sets what it states; a blank leaves the field alone.
      if (event.data.percentComplete !== null)
        fields.set('percentComplete', String(event.data.percentComplete));
      if (event.data.status !== null) fields.set('status', event.data.status);
      if (event.data.comment !== null) fields.set('comment', event.data.comment);
      break;
  }
  return fields;
}

/** The trail the spec asks for, computed from the first events of the log by folding. */
export function expectedTrail(events: readonly EventEnvelope[]): AuditRow[] {
  const rows: AuditRow[] = [];
  for (const event of events) {
    const earlier = events.filter((e) => e.stream === event.stream && e.position < event.position);
    const stateBefore = foldAction(earlier, event.effectiveOn);
    const data = event.data as { note?: string; reason?: string };
    const fields = setFields(event);
    for (const field of ORDER) {
      if (!fields.has(field)) continue;
      rows.push({
        position: event.position,
        recordedAt: event.recordedAt,
        effectiveOn: event.effectiveOn,
        actor: event.actor,
        code: event.stream.slice('action:'.length),
        field,
        before: event.type === 'ActionRegistered' ? null : encodeField(stateBefore, field),
        after: fields.get(field) ?? null,
        reason: data.reason ?? data.note ?? null,
        eventType: event.type,
        eventId: event.eventId,
        correlationId: event.correlationId,
        source: event.source,
      });
    }
  }
  return rows;
}
