import type { ProjectionTable } from '@perfledger/core';

/**
 * The name of the audit projection's one table.
 *
 * @example
 * ```ts
 * db.prepare(`SELECT count(*) AS n FROM ${AUDIT_TRAIL_TABLE}`).get();
 * ```
 */
export const AUDIT_TRAIL_TABLE = 'audit_trail';

/**
 * `audit_trail`: one row per field an event sets. Bitemporal and append-only: every row carries
 * the position, recorded time and effective date of the event that produced it, so "as known at
 * position P" is `position <= P` and "as at date D" is `effective_on <= D`.
 *
 * Values (`before`, `after`) are TEXT whatever the field: dates `YYYY-MM-DD`, progress as a
 * decimal string (`'58'`), closure as `open` / `completed` / `cancelled`, free text verbatim,
 * NULL for "not set". One type per column keeps the table queryable by any SQLite tool.
 *
 * @example
 * ```ts
 * db.prepare(`SELECT * FROM ${auditTrailTable.name} WHERE code = ? ORDER BY position, seq`).all('DEM1518_02');
 * ```
 */
export const auditTrailTable: ProjectionTable = Object.freeze({
  name: AUDIT_TRAIL_TABLE,
  sql: `CREATE TABLE ${AUDIT_TRAIL_TABLE} (
  position INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  recorded_at TEXT NOT NULL,
  effective_on TEXT NOT NULL,
  actor TEXT,
  code TEXT NOT NULL,
  field TEXT NOT NULL,
  before TEXT,
  after TEXT,
  reason TEXT,
  note TEXT,
  approver TEXT,
  approval_reference TEXT,
  event_type TEXT NOT NULL,
  event_id TEXT NOT NULL,
  correlation_id TEXT,
  source TEXT,
  PRIMARY KEY (position, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX ${AUDIT_TRAIL_TABLE}_by_code_field ON ${AUDIT_TRAIL_TABLE} (code, field, effective_on, position);
CREATE INDEX ${AUDIT_TRAIL_TABLE}_by_field ON ${AUDIT_TRAIL_TABLE} (field, position);
CREATE INDEX ${AUDIT_TRAIL_TABLE}_by_actor ON ${AUDIT_TRAIL_TABLE} (actor, position);
CREATE INDEX ${AUDIT_TRAIL_TABLE}_by_recorded_at ON ${AUDIT_TRAIL_TABLE} (recorded_at);
CREATE INDEX ${AUDIT_TRAIL_TABLE}_by_effective_on ON ${AUDIT_TRAIL_TABLE} (effective_on, position);`,
});
