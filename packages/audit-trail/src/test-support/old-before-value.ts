import type { Ledger } from '@perfledger/core';
import { type AuditField, defaultValueOf } from '../audit-field.js';
import { AUDIT_TRAIL_TABLE } from '../audit-trail-table.js';

interface Coordinates {
  readonly after: string | null;
  readonly effective_on: string;
  readonly position: number;
}

/**
 * The "before" value exactly as the projection computed it before it kept the stream's fields
 * in memory: two lookups of its own table, of rows at earlier positions only. Kept in the tests
 * so the new projection is checked to give the same rows.
 */
export async function oldBeforeValue(
  ledger: Ledger,
  code: string,
  field: AuditField,
  asAt: string,
  upToPosition: number,
): Promise<string | null> {
  const registered = await ledger.query.get<Coordinates>(
    `SELECT after, effective_on, position FROM ${AUDIT_TRAIL_TABLE}
     WHERE code = ? AND field = 'title' AND event_type = 'ActionRegistered' AND effective_on <= ? AND position <= ?
     ORDER BY effective_on DESC, position DESC LIMIT 1`,
    [code, asAt, upToPosition],
  );
  if (registered === undefined) return null;
  const row = await ledger.query.get<Coordinates>(
    `SELECT after, effective_on, position FROM ${AUDIT_TRAIL_TABLE}
     WHERE code = ? AND field = ? AND effective_on <= ? AND position <= ?
     ORDER BY effective_on DESC, position DESC LIMIT 1`,
    [code, field, asAt, upToPosition],
  );
  if (row === undefined) return defaultValueOf(field);
  const beforeRegistration =
    row.effective_on === registered.effective_on
      ? row.position < registered.position
      : row.effective_on < registered.effective_on;
  return beforeRegistration ? defaultValueOf(field) : row.after;
}
