import type { EventEnvelope, LedgerEvent } from '@perfledger/core';
import { type AuditField, auditFields } from './audit-field.js';

/** What one event says about one field, before the "before" value is worked out. */
export interface FieldChange {
  readonly field: AuditField;
  /** The new value in the table's TEXT encoding; null clears the field. */
  readonly after: string | null;
}

/** What an event says about why, and who approved it, shared by all of its rows. */
export interface ChangeContext {
  /** `DueDateRevised.reason`, `DueDateCorrected.reason`, `ActionReopened.reason`, else the event's note. */
  readonly reason: string | null;
  readonly note: string | null;
  readonly approver: string | null;
  readonly approvalReference: string | null;
}

const AMENDABLE = new Set<AuditField>(['title', 'description', 'owner', 'directorate', 'section', 'plan']);
const REGISTERED = new Set<AuditField>(['title', 'plan', 'directorate', 'section', 'statusKey', 'dueDate']);

/**
 * The value `event` sets `field` to, in the table's TEXT encoding (null clears it), or
 * `undefined` when the event does not set that field. Pure and allocation-free, so the
 * projection can ask it of every earlier event of a stream. Numbers become decimal strings so
 * every value fits one TEXT column.
 *
 * @example
 * ```ts
 * changedValue({ type: 'ProgressUpdated', data: { percentComplete: 58 } }, 'percentComplete'); // '58'
 * changedValue({ type: 'ProgressUpdated', data: { percentComplete: 58 } }, 'status'); // undefined
 * ```
 */
export function changedValue(event: LedgerEvent, field: AuditField): string | null | undefined {
  switch (event.type) {
    case 'ActionRegistered': {
      const data = event.data as Readonly<Record<string, string | undefined>>;
      // Registration sets only what it names; absent optional details stay at their defaults.
      if (REGISTERED.has(field)) return data[field] ?? null;
      if (field === 'description' || field === 'owner') return data[field];
      return undefined;
    }
    case 'ProgressUpdated':
      return field === 'percentComplete' ? String(event.data.percentComplete) : undefined;
    case 'StatusChanged':
      return field === 'status' ? event.data.status : undefined;
    case 'DueDateRevised':
      return field === 'dueDate' ? event.data.to : undefined;
    case 'DueDateCorrected':
      return field === 'dueDate' ? event.data.corrected : undefined;
    case 'ActionClosed':
      return field === 'closed' ? event.data.outcome : undefined;
    case 'ActionReopened':
      return field === 'closed' ? 'open' : undefined;
    case 'ActionDetailsAmended':
      return AMENDABLE.has(field)
        ? (event.data as Readonly<Record<string, string | undefined>>)[field]
        : undefined;
    case 'CommentAdded':
      return field === 'comment' ? event.data.comment : undefined;
    case 'ReportPublished':
      return undefined;
    default:
      return event satisfies never;
  }
}

/**
 * The fields an event sets and their new values, in {@link auditFields} order. Pure.
 *
 * @example
 * ```ts
 * fieldChangesOf({ type: 'DueDateRevised', data: { to: '2020-12-31', reason: 'Cabinet' } } as never);
 * // [{ field: 'dueDate', after: '2020-12-31' }]
 * ```
 */
export function fieldChangesOf(event: LedgerEvent): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of auditFields) {
    const after = changedValue(event, field);
    if (after !== undefined) changes.push({ field, after });
  }
  return changes;
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
  const note = event.data.note ?? null;
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
  return { reason: note, note, approver: null, approvalReference: null };
}
