import {
  fieldChangesOf as actionFieldChangesOf,
  type EventEnvelope,
  type LedgerEvent,
} from '@perfledger/core';
import { type AuditField, auditFields, isAuditField } from './audit-field.js';

/** What one event says about one field, before the "before" value is worked out. */
export interface FieldChange {
  readonly field: AuditField;
  /** The new value in the table's TEXT encoding; null clears the field. */
  readonly after: string | null;
}

/** What an event says about why, and who approved it, shared by all of its rows. */
export interface ChangeContext {
  /** The event's own reason (due-date revision or correction, reopening, status change, closure), else its note. */
  readonly reason: string | null;
  readonly note: string | null;
  readonly approver: string | null;
  readonly approvalReference: string | null;
}

/** A value of core's field-change table in the audit table's TEXT encoding. */
function encode(field: AuditField, value: string | number | null): string | null {
  // Reopening clears the closure: the trail writes that as `open`.
  if (field === 'closed') return value === null ? 'open' : String(value);
  return value === null ? null : String(value);
}

/**
 * The value `event` sets `field` to, in the table's TEXT encoding (null clears it), or
 * `undefined` when the event does not set that field. Read from core's one table of which event
 * changes which field (`fieldChangesOf` of `@perfledger/core`); numbers become decimal strings
 * so every value fits one TEXT column, and a reopening sets `closed` to `open`.
 *
 * @example
 * ```ts
 * changedValue({ type: 'ProgressUpdated', data: { percentComplete: 58 } }, 'percentComplete'); // '58'
 * changedValue({ type: 'ProgressUpdated', data: { percentComplete: 58 } }, 'status'); // undefined
 * ```
 */
export function changedValue(event: LedgerEvent, field: AuditField): string | null | undefined {
  for (const change of actionFieldChangesOf(event)) {
    if (change.field === field) return encode(field, change.value);
  }
  return undefined;
}

/**
 * The followed fields an event sets and their new values, in {@link auditFields} order (the
 * original due date is not a field of its own here: its changes show on `dueDate`). Pure.
 *
 * @example
 * ```ts
 * fieldChangesOf({ type: 'DueDateRevised', data: { to: '2020-12-31', reason: 'Cabinet' } } as never);
 * // [{ field: 'dueDate', after: '2020-12-31' }]
 * ```
 */
export function fieldChangesOf(event: LedgerEvent): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const change of actionFieldChangesOf(event)) {
    if (isAuditField(change.field))
      changes.push({ field: change.field, after: encode(change.field, change.value) });
  }
  return changes.sort((a, b) => auditFields.indexOf(a.field) - auditFields.indexOf(b.field));
}

/**
 * Why the event happened, as the trail reports it: the stated reason of a due-date revision or a
 * reopening, otherwise the free-text note any event may carry.
 *
 * @example
 * ```ts
 * changeContextOf(event).reason; // 'Due date revised from June 2019.'
 * ```
 */
export function changeContextOf(event: EventEnvelope): ChangeContext {
  const note = ('note' in event.data ? event.data.note : undefined) ?? null;
  if (event.type === 'DueDateRevised' || event.type === 'DueDateCorrected') {
    return {
      reason: event.data.reason,
      note,
      approver: event.data.approver ?? null,
      approvalReference: event.data.approvalReference ?? null,
    };
  }
  if (event.type === 'ActionReopened') {
    return { reason: event.data.reason, note, approver: null, approvalReference: null };
  }
  // The comment that came with a status change or a closure is its reason.
  if (event.type === 'StatusChanged' || event.type === 'ActionClosed') {
    return { reason: event.data.reason ?? note, note, approver: null, approvalReference: null };
  }
  return { reason: note, note, approver: null, approvalReference: null };
}
