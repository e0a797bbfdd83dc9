import type { SqlDatabase } from '@perfledger/core';
import { type AuditField, defaultValueOf } from './audit-field.js';
import { AUDIT_TRAIL_TABLE } from './audit-trail-table.js';

/** Reads a field's value as at a date, as known at a position, from the audit table. */
export type FieldValueReader = (
  code: string,
  field: AuditField,
  asAt: string,
  upToPosition: number,
) => string | null;

interface Coordinates {
  readonly after: string | null;
  readonly effective_on: string;
  readonly position: number;
}

/**
 * Prepares the "as at D, as known at P" lookup the projection and the queries share. It folds
 * the table the way core's `foldAction` folds events: in (effective date, position) order, with
 * anything ordered before the latest registration ignored (a registration starts a fresh
 * state) and nothing at all before the first one. So the answer equals
 * `foldAction(events.filter(e => e.position <= P), D)[field]`, encoded as TEXT, and NULL when
 * the action is not registered as at D.
 */
export function fieldValueReader(db: SqlDatabase): FieldValueReader {
  const latest = db.prepare(
    `SELECT after, effective_on, position FROM ${AUDIT_TRAIL_TABLE}
     WHERE code = ? AND field = ? AND effective_on <= ? AND position <= ?
     ORDER BY effective_on DESC, position DESC LIMIT 1`,
  );
  // Registration always names a title, so its title row marks where the registration sits.
  const registration = db.prepare(
    `SELECT after, effective_on, position FROM ${AUDIT_TRAIL_TABLE}
     WHERE code = ? AND field = 'title' AND event_type = 'ActionRegistered' AND effective_on <= ? AND position <= ?
     ORDER BY effective_on DESC, position DESC LIMIT 1`,
  );
  return (code, field, asAt, upToPosition) => {
    const registered = registration.get(code, asAt, upToPosition) as Coordinates | undefined;
    if (registered === undefined) return null;
    const row = latest.get(code, field, asAt, upToPosition) as Coordinates | undefined;
    if (row === undefined || isBefore(row, registered)) return defaultValueOf(field);
    return row.after;
  };
}

function isBefore(a: Coordinates, b: Coordinates): boolean {
  return a.effective_on === b.effective_on ? a.position < b.position : a.effective_on < b.effective_on;
}
