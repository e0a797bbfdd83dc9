import type { ProjectionTable } from '@perfledger/core';

/**
 * One row per registered action: the due date it was registered with (the original due date,
 * never overwritten) and its details as registered.
 *
 * @example
 * ```ts
 * db.prepare('SELECT original_due_date FROM slippage_registrations WHERE code = ?').get('DEM1518_02');
 * ```
 */
export const slippageRegistrationsTable: ProjectionTable = {
  name: 'slippage_registrations',
  sql: `CREATE TABLE slippage_registrations (
  code TEXT PRIMARY KEY,
  original_due_date TEXT NOT NULL,
  plan TEXT NOT NULL,
  directorate TEXT NOT NULL,
  title TEXT NOT NULL,
  position INTEGER NOT NULL UNIQUE,
  event_id TEXT NOT NULL UNIQUE,
  effective_on TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  actor TEXT
) STRICT;`,
};

/**
 * One row per (event, field) that set an action's title, plan or directorate: the registration
 * and every amendment. The value as at a basis is the row with the greatest
 * (effective_on, position) among those the basis admits.
 *
 * @example
 * ```ts
 * db.prepare("SELECT value FROM slippage_details WHERE code = ? AND field = 'plan' ORDER BY effective_on DESC, position DESC LIMIT 1").get('1.02.20');
 * ```
 */
export const slippageDetailsTable: ProjectionTable = {
  name: 'slippage_details',
  sql: `CREATE TABLE slippage_details (
  code TEXT NOT NULL,
  field TEXT NOT NULL CHECK (field IN ('title', 'plan', 'directorate')),
  value TEXT NOT NULL,
  effective_on TEXT NOT NULL,
  position INTEGER NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (position, field)
) STRICT;
CREATE INDEX slippage_details_by_code ON slippage_details (code, field, effective_on, position);`,
};

/**
 * One row per `DueDateRevised` event. `days_moved` and `quarters_moved` are computed from the
 * row's own dates; `quarters_moved` uses the UK fiscal calendar (April year), and queries made
 * with another calendar recompute it.
 *
 * @example
 * ```ts
 * db.prepare('SELECT from_date, to_date, reason FROM slippage_revisions WHERE code = ? ORDER BY effective_on, position').all('DEM1518_02');
 * ```
 */
export const slippageRevisionsTable: ProjectionTable = {
  name: 'slippage_revisions',
  sql: `CREATE TABLE slippage_revisions (
  position INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  code TEXT NOT NULL,
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  days_moved INTEGER NOT NULL,
  quarters_moved INTEGER NOT NULL,
  reason TEXT NOT NULL,
  approver TEXT,
  approval_reference TEXT,
  actor TEXT,
  recorded_at TEXT NOT NULL,
  effective_on TEXT NOT NULL
) STRICT;
CREATE INDEX slippage_revisions_by_code ON slippage_revisions (code, effective_on, position);
CREATE INDEX slippage_revisions_by_effective_on ON slippage_revisions (effective_on, position);`,
};

/**
 * One row per `DueDateCorrected` event: the due date on record was wrong (a "no end date" marker
 * such as 9999-12-31, a typing slip) and was corrected. Not a slip, so it never counts in days
 * or quarters moved; `corrects_original` is 1 when the wrong value was the registered one, so
 * the corrected date becomes the original due date.
 *
 * @example
 * ```ts
 * db.prepare('SELECT recorded_date, corrected_date, reason FROM slippage_corrections WHERE code = ?').all('DEM1518_02');
 * ```
 */
export const slippageCorrectionsTable: ProjectionTable = {
  name: 'slippage_corrections',
  sql: `CREATE TABLE slippage_corrections (
  position INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  code TEXT NOT NULL,
  recorded_date TEXT NOT NULL,
  corrected_date TEXT NOT NULL,
  corrects_original INTEGER NOT NULL CHECK (corrects_original IN (0, 1)),
  reason TEXT NOT NULL,
  approver TEXT,
  approval_reference TEXT,
  actor TEXT,
  recorded_at TEXT NOT NULL,
  effective_on TEXT NOT NULL
) STRICT;
CREATE INDEX slippage_corrections_by_code ON slippage_corrections (code, effective_on, position);`,
};

/**
 * The slippage projection's tables, in creation order.
 *
 * @example
 * ```ts
 * for (const table of slippageTables) console.log(table.name);
 * ```
 */
export const slippageTables: readonly ProjectionTable[] = Object.freeze([
  slippageRegistrationsTable,
  slippageDetailsTable,
  slippageRevisionsTable,
  slippageCorrectionsTable,
]);
