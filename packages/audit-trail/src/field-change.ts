import type { EventEnvelope } from '@perfledger/core';
import { type AuditField, auditFields } from './audit-field.js';

/** What one event says about one field, before the "before" value is looked up. */
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

/**
 * The fields an event sets and their new values, in {@link auditFields} order. Pure. Numbers
 * become decimal strings so every value fits one TEXT column.
 */
export function fieldChangesOf(event: EventEnvelope): FieldChange[] {
  const changes: Partial<Record<AuditField, string | null>> = {};
  switch (event.type) {
    case 'ActionRegistered': {
      const { title, description, plan, directorate, section, owner, statusKey, dueDate } = event.data;
      Object.assign(changes, { title, plan, directorate, section, statusKey, dueDate });
      // Registration sets only what it names; absent optional details stay at their defaults.
      if (description !== undefined) changes.description = description;
      if (owner !== undefined) changes.owner = owner;
      break;
    }
    case 'ProgressUpdated':
      changes.percentComplete = String(event.data.percentComplete);
      break;
    case 'StatusChanged':
      changes.status = event.data.status;
      break;
    case 'DueDateRevised':
      changes.dueDate = event.data.to;
      break;
    case 'DueDateCorrected':
      changes.dueDate = event.data.corrected;
      break;
    case 'ActionClosed':
      changes.closed = event.data.outcome;
      break;
    case 'ActionReopened':
      changes.closed = 'open';
      break;
    case 'ActionDetailsAmended':
      for (const field of ['title', 'description', 'owner', 'directorate', 'section', 'plan'] as const) {
        const value = event.data[field];
        if (value !== undefined) changes[field] = value;
      }
      break;
    case 'CommentAdded':
      changes.comment = event.data.comment;
      break;
    case 'ReportPublished':
      break;
    default:
      event satisfies never;
  }
  return auditFields
    .filter((field) => field in changes)
    .map((field) => ({ field, after: changes[field] ?? null }));
}

/**
 * Why the event happened, as the trail reports it: the stated reason of a due-date revision or a
 * reopening, otherwise the free-text note any event may carry.
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
