import type { Ledger } from '@perfledger/core';
import { AUDIT_ROW_COLUMNS, type AuditRow } from './audit-row.js';
import { AUDIT_TRAIL_TABLE } from './audit-trail-table.js';
import { resolveTrailPosition } from './trail-basis.js';
import { compileTrailFilter, type TrailFilter } from './trail-filter.js';

/**
 * The field-level change trail, oldest recorded first (position, then field order), filtered.
 * Reads the `audit_trail` table, which must be up to date (see {@link AuditTrailNotReadyError}).
 *
 * @throws ValidationError naming every bad filter option.
 * @example
 * ```ts
 * const revisions = queryTrail(ledger, { field: 'dueDate', effectiveFrom: '2019-04-01', effectiveTo: '2020-03-31' });
 * for (const row of revisions) console.log(row.code, row.before, '→', row.after, row.reason);
 * ```
 */
export function queryTrail(ledger: Ledger, filter: TrailFilter = {}): readonly AuditRow[] {
  const { where, params, basis } = compileTrailFilter(filter);
  const position = resolveTrailPosition(ledger, basis);
  const sql = `SELECT ${AUDIT_ROW_COLUMNS} FROM ${AUDIT_TRAIL_TABLE}
    WHERE ${['position <= ?', ...where].join(' AND ')} ORDER BY position, seq`;
  const rows = ledger.store.database.prepare(sql).all(position, ...params) as AuditRow[];
  return Object.freeze(rows.map((row) => Object.freeze({ ...row })));
}
