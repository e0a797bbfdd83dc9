import type { ProjectionColumn, ProjectionTable } from '@perfledger/core';

/**
 * The name of the audit projection's one table.
 *
 * @example
 * ```ts
 * await ledger.query.all(`SELECT count(*) AS n FROM ${AUDIT_TRAIL_TABLE}`);
 * ```
 */
export const AUDIT_TRAIL_TABLE = 'audit_trail';

const text = (name: string, nullable = false): ProjectionColumn =>
  nullable ? { name, type: 'text', nullable } : { name, type: 'text' };

/**
 * `audit_trail`: one row per field an event sets, declared so that any engine can create it.
 * Bitemporal and append-only: every row carries the position, recorded time and effective date
 * of the event that produced it, so "as known at position P" is `position <= P` and "as at date
 * D" is `effective_on <= D`.
 *
 * Values (`before`, `after`) are text whatever the field: dates `YYYY-MM-DD`, progress as a
 * decimal string (`'58'`), closure as `open` / `completed` / `cancelled`, free text verbatim,
 * NULL for "not set". One type per column keeps the table queryable by any SQL tool.
 *
 * Three secondary indexes serve the documented queries: `(code, position)` (one action's trail,
 * `explain`), `(field, position)` (one field across all actions) and `(effective_on, position)`
 * (a quarter's changes, back-dated ones included). Everything else, recorded-time ranges
 * included (recorded times increase with position), reads in position order by the primary key.
 *
 * @example
 * ```ts
 * await ledger.query.all(`SELECT * FROM ${auditTrailTable.name} WHERE code = ? ORDER BY position, seq`, ['DEM1518_02']);
 * ```
 */
export const auditTrailTable: ProjectionTable = Object.freeze<ProjectionTable>({
  name: AUDIT_TRAIL_TABLE,
  columns: Object.freeze<ProjectionColumn[]>([
    { name: 'position', type: 'integer' },
    { name: 'seq', type: 'integer' },
    text('recorded_at'),
    text('effective_on'),
    text('actor', true),
    text('code'),
    text('field'),
    text('before', true),
    text('after', true),
    text('reason', true),
    text('note', true),
    text('approver', true),
    text('approval_reference', true),
    text('event_type'),
    text('event_id'),
    text('correlation_id', true),
    text('source', true),
  ]),
  primaryKey: Object.freeze(['position', 'seq']),
  indexes: Object.freeze([
    { name: `${AUDIT_TRAIL_TABLE}_by_code`, columns: ['code', 'position'] },
    { name: `${AUDIT_TRAIL_TABLE}_by_field`, columns: ['field', 'position'] },
    { name: `${AUDIT_TRAIL_TABLE}_by_effective_on`, columns: ['effective_on', 'position'] },
  ]),
});
