import type { ProjectionTable } from '@perfledger/core';

type Column = ProjectionTable['columns'][number];
const text = (name: string): Column => Object.freeze({ name, type: 'text' });
const integer = (name: string): Column => Object.freeze({ name, type: 'integer' });
const nullableText = (name: string): Column => Object.freeze({ name, type: 'text', nullable: true });

/**
 * One row per registered action: the due date it was registered with (the original due date,
 * never overwritten) and its details as registered. `original_due_day` is the same date as a
 * day number (days since 1970-01-01), so that portable SQL can subtract dates.
 *
 * @example
 * ```ts
 * await ledger.query.get('SELECT original_due_date FROM slippage_registrations WHERE code = ?', ['DEM1518_02']);
 * ```
 */
export const slippageRegistrationsTable: ProjectionTable = Object.freeze({
  name: 'slippage_registrations',
  columns: Object.freeze([
    text('code'),
    text('original_due_date'),
    integer('original_due_day'),
    text('plan'),
    text('directorate'),
    text('title'),
    integer('position'),
    text('event_id'),
    text('effective_on'),
    text('recorded_at'),
    nullableText('actor'),
  ]),
  primaryKey: Object.freeze(['code']),
  unique: Object.freeze([Object.freeze(['position']), Object.freeze(['event_id'])]),
});

/**
 * One row per (event, field) that set an action's title, plan or directorate: the registration
 * and every amendment. The value as at a basis is the row with the greatest
 * (effective_on, position) among those the basis admits. `field` is always `title`, `plan` or
 * `directorate`: the projection writes nothing else (the table declares no CHECK constraint,
 * since declared tables carry none).
 *
 * @example
 * ```ts
 * await ledger.query.get(
 *   "SELECT value FROM slippage_details WHERE code = ? AND field = 'plan' ORDER BY effective_on DESC, position DESC LIMIT 1",
 *   ['1.02.20'],
 * );
 * ```
 */
export const slippageDetailsTable: ProjectionTable = Object.freeze({
  name: 'slippage_details',
  columns: Object.freeze([
    text('code'),
    text('field'),
    text('value'),
    text('effective_on'),
    integer('position'),
    text('recorded_at'),
  ]),
  primaryKey: Object.freeze(['position', 'field']),
  indexes: Object.freeze([
    {
      name: 'slippage_details_by_code',
      columns: Object.freeze(['code', 'field', 'effective_on', 'position']),
    },
  ]),
});

// A due-date change (a revision or a correction) is one row per event: keyed by position and
// event id, its own dates in the middle, and the reason, approval and provenance at the end.
function dueDateChangeTable(
  name: string,
  dates: readonly Column[],
  indexes: NonNullable<ProjectionTable['indexes']>,
): ProjectionTable {
  return Object.freeze({
    name,
    columns: Object.freeze([
      integer('position'),
      text('event_id'),
      text('code'),
      ...dates,
      text('reason'),
      nullableText('approver'),
      nullableText('approval_reference'),
      nullableText('actor'),
      text('recorded_at'),
      text('effective_on'),
    ]),
    primaryKey: Object.freeze(['position']),
    unique: Object.freeze([Object.freeze(['event_id'])]),
    indexes: Object.freeze([...indexes]),
  });
}

/**
 * One row per `DueDateRevised` event. `days_moved` and `quarters_moved` are computed from the
 * row's own dates; `quarters_moved` uses the UK fiscal calendar (April year), and queries made
 * with another calendar recompute it. `to_day` is `to_date` as a day number (days since
 * 1970-01-01).
 *
 * @example
 * ```ts
 * await ledger.query.all(
 *   'SELECT from_date, to_date, reason FROM slippage_revisions WHERE code = ? ORDER BY effective_on, position',
 *   ['DEM1518_02'],
 * );
 * ```
 */
export const slippageRevisionsTable: ProjectionTable = dueDateChangeTable(
  'slippage_revisions',
  [text('from_date'), text('to_date'), integer('to_day'), integer('days_moved'), integer('quarters_moved')],
  [
    { name: 'slippage_revisions_by_code', columns: Object.freeze(['code', 'effective_on', 'position']) },
    { name: 'slippage_revisions_by_effective_on', columns: Object.freeze(['effective_on', 'position']) },
  ],
);

/**
 * One row per `DueDateCorrected` event: the due date on record was wrong (a "no end date" marker
 * such as 9999-12-31, a typing slip) and was corrected. Not a slip, so it never counts in days
 * or quarters moved; `corrects_original` is 1 when the wrong value was the registered one (else
 * 0; the projection writes nothing else, and the table declares no CHECK constraint), so the
 * corrected date becomes the original due date. `corrected_day` is `corrected_date` as a day
 * number (days since 1970-01-01).
 *
 * @example
 * ```ts
 * await ledger.query.all('SELECT recorded_date, corrected_date, reason FROM slippage_corrections WHERE code = ?', ['A1']);
 * ```
 */
export const slippageCorrectionsTable: ProjectionTable = dueDateChangeTable(
  'slippage_corrections',
  [text('recorded_date'), text('corrected_date'), integer('corrected_day'), integer('corrects_original')],
  [{ name: 'slippage_corrections_by_code', columns: Object.freeze(['code', 'effective_on', 'position']) }],
);

/**
 * The slippage projection's tables, declared (columns, keys, indexes) so that every engine
 * creates them in its own dialect. Unlike the SQLite DDL of version 2, they carry no CHECK
 * constraints: the projection is the only writer, and it writes only the values the columns
 * document.
 *
 * @example
 * ```ts
 * for (const table of slippageTables) console.log(table.name, table.columns.map((column) => column.name));
 * ```
 */
export const slippageTables: readonly ProjectionTable[] = Object.freeze([
  slippageRegistrationsTable,
  slippageDetailsTable,
  slippageRevisionsTable,
  slippageCorrectionsTable,
]);
