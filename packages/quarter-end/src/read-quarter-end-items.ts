import type { BusinessDate, Ledger } from '@perfledger/core';
import { derivedStatusOf } from './derived-status.js';
import { type QuarterEndField, quarterEndFields } from './quarter-end-fact.js';
import type { QuarterEndItem } from './quarter-end-item.js';
import { QUARTER_END_FACTS_TABLE, quarterEndProjection } from './quarter-end-projection.js';

// One correlated subquery per field, each a backwards seek on the primary key: measured on a
// 1 000 000-event ledger of 10 000 actions it answers in ~0.12 s, against ~0.9 s for a
// row_number() window over every fact and ~1.5 s for a GROUP BY max() (see the package docs).
// Portable SQL with positional parameters: each subquery takes (asAt, upTo), in text order.
const latest = (field: QuarterEndField, column: 'value' | 'effective_on' = 'value'): string =>
  `(SELECT f.${column} FROM ${QUARTER_END_FACTS_TABLE} f
     WHERE f.code = r.code AND f.field = '${field}' AND f.effective_on <= ? AND f.position <= ?
     ORDER BY f.effective_on DESC, f.position DESC LIMIT 1)`;

const SUBQUERIES = [
  ...quarterEndFields.map((field) => `${latest(field)} AS ${field}`),
  `${latest('closed', 'effective_on')} AS closed_on`,
  `${latest('last_comment', 'effective_on')} AS last_comment_on`,
  // The latest date anything (a return, a change, a registration) was effective on: an open
  // action with nothing effective in the quarter was not updated for it.
  `(SELECT max(f.effective_on) FROM ${QUARTER_END_FACTS_TABLE} f
     WHERE f.code = r.code AND f.effective_on <= ? AND f.position <= ?) AS last_fact_on`,
];

const ITEMS_SQL = `SELECT r.code AS code,
  ${SUBQUERIES.join(',\n  ')}
FROM (SELECT DISTINCT code FROM ${QUARTER_END_FACTS_TABLE}
      WHERE field = 'registered_on' AND effective_on <= ? AND position <= ?) r`;

/** One (asAt, upTo) pair per subquery, then one for the driving set. */
const PARAMETER_PAIRS = SUBQUERIES.length + 1;

interface Row {
  readonly code: string;
  readonly registered_on: string;
  readonly title: string;
  readonly description: string | null;
  readonly plan: string;
  readonly directorate: string;
  readonly section: string;
  readonly owner: string | null;
  readonly status_key: string;
  readonly original_due_date: string;
  readonly due_date: string;
  readonly percent_complete: number | bigint | null;
  readonly status: string | null;
  readonly closed: 'completed' | 'cancelled' | null;
  readonly closed_on: string;
  readonly last_comment: string | null;
  readonly last_comment_on: string;
  readonly last_fact_on: string;
}

/** What to read: the business date, the log position, and the report's rules. */
export interface ItemQuery {
  readonly asAt: BusinessDate;
  readonly upTo: number;
  readonly yearStart: BusinessDate;
  /** The quarter's first day: an open action with nothing effective from it on is not updated. */
  readonly quarterStart: BusinessDate;
  readonly warningWindowDays: number;
  readonly filters: { readonly plan?: string; readonly directorate?: string; readonly section?: string };
}

/**
 * The items of a quarter-end report, read from `quarter_end_facts` in one statement (so one
 * consistent snapshot): every action registered on or before `asAt` as known at `upTo`, except
 * those closed before the financial year began, ordered by code. The caller has checked that
 * the projection covers `upTo` (see {@link requireQuarterEnd}).
 *
 * @example
 * ```ts
 * await readQuarterEndItems(ledger, { asAt: '2023-12-31', upTo: 1200, yearStart: '2023-04-01', quarterStart: '2023-10-01', warningWindowDays: 30, filters: {} });
 * ```
 */
export async function readQuarterEndItems(ledger: Ledger, query: ItemQuery): Promise<QuarterEndItem[]> {
  const params: (string | number)[] = [];
  for (let i = 0; i < PARAMETER_PAIRS; i += 1) params.push(query.asAt, query.upTo);
  const rows = await ledger.query.all<Row>(ITEMS_SQL, params);
  // Ordered here, by code point, rather than by the engine's collation: the same on every engine.
  rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const { plan, directorate, section } = query.filters;
  const items: QuarterEndItem[] = [];
  for (const row of rows) {
    // A report covers the year's closures, but not actions closed in earlier years.
    if (row.closed !== null && row.closed_on < query.yearStart) continue;
    if (plan !== undefined && row.plan !== plan) continue;
    if (directorate !== undefined && row.directorate !== directorate) continue;
    if (section !== undefined && row.section !== section) continue;
    items.push(itemOf(row, query));
  }
  return items;
}

function itemOf(row: Row, query: ItemQuery): QuarterEndItem {
  const closed =
    row.closed === null ? null : { outcome: row.closed, effectiveOn: row.closed_on as BusinessDate };
  const dueDate = row.due_date as BusinessDate;
  return {
    code: row.code,
    title: row.title,
    description: row.description,
    plan: row.plan,
    directorate: row.directorate,
    section: row.section,
    owner: row.owner,
    statusKey: row.status_key,
    registeredOn: row.registered_on as BusinessDate,
    originalDueDate: row.original_due_date as BusinessDate,
    dueDate,
    percentComplete: row.percent_complete === null ? null : Number(row.percent_complete),
    status: row.status,
    derivedStatus: derivedStatusOf({ dueDate, closed }, query.asAt, query.warningWindowDays),
    open: closed === null,
    closed,
    lastComment:
      row.last_comment === null
        ? null
        : { text: row.last_comment, effectiveOn: row.last_comment_on as BusinessDate },
    notUpdated: closed === null && row.last_fact_on < query.quarterStart,
  };
}

/**
 * Throws core's `ProjectionNotReadyError` unless the `quarter_end` projection is registered with
 * this ledger, built, current, and its checkpoint covers position `upTo`.
 *
 * @example
 * ```ts
 * const { upTo } = await ledger.resolveAsOf({ knownAt });
 * await requireQuarterEnd(ledger, upTo);
 * ```
 */
export async function requireQuarterEnd(ledger: Ledger, upTo: number): Promise<void> {
  await ledger.projections.require(quarterEndProjection.name, upTo);
}
