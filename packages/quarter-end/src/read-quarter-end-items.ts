import {
  type BusinessDate,
  type Ledger,
  ProjectionRunner,
  type SqlDatabase,
  type SqlStatement,
} from '@perfledger/core';
import { derivedStatusOf } from './derived-status.js';
import { type QuarterEndField, quarterEndFields } from './quarter-end-fact.js';
import type { QuarterEndItem } from './quarter-end-item.js';
import { QuarterEndNotReadyError } from './quarter-end-not-ready-error.js';
import { QUARTER_END_FACTS_TABLE, quarterEndProjection } from './quarter-end-projection.js';

// One correlated subquery per field, each a backwards seek on the primary key: measured on a
// 1 000 000-event ledger of 10 000 actions it answers in ~0.12 s, against ~0.9 s for a
// row_number() window over every fact and ~1.5 s for a GROUP BY max() (see the package docs).
const latest = (field: QuarterEndField, column: 'value' | 'effective_on' = 'value'): string =>
  `(SELECT f.${column} FROM ${QUARTER_END_FACTS_TABLE} f
     WHERE f.code = r.code AND f.field = '${field}' AND f.effective_on <= :asAt AND f.position <= :upTo
     ORDER BY f.effective_on DESC, f.position DESC LIMIT 1)`;

const ITEMS_SQL = `
SELECT r.code AS code,
  ${quarterEndFields.map((field) => `${latest(field)} AS ${field}`).join(',\n  ')},
  ${latest('closed', 'effective_on')} AS closed_on,
  ${latest('last_comment', 'effective_on')} AS last_comment_on
FROM (SELECT DISTINCT code FROM ${QUARTER_END_FACTS_TABLE}
      WHERE field = 'registered_on' AND effective_on <= :asAt AND position <= :upTo) r
ORDER BY r.code`;

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
  readonly percent_complete: number;
  readonly status: string | null;
  readonly closed: 'completed' | 'cancelled' | null;
  readonly closed_on: string;
  readonly last_comment: string | null;
  readonly last_comment_on: string;
}

const statements = new WeakMap<SqlDatabase, SqlStatement>();

/** What to read: the business date, the log position, and the report's rules. */
export interface ItemQuery {
  readonly asAt: BusinessDate;
  readonly upTo: number;
  readonly yearStart: BusinessDate;
  readonly warningWindowDays: number;
  readonly filters: { readonly plan?: string; readonly directorate?: string; readonly section?: string };
}

/**
 * The items of a quarter-end report, read from `quarter_end_facts` in one statement (so one
 * consistent snapshot): every action registered on or before `asAt` as known at `upTo`, except
 * those closed before the financial year began, ordered by code.
 *
 * @throws QuarterEndNotReadyError when the projection has not processed up to `upTo`.
 * @example
 * ```ts
 * readQuarterEndItems(ledger, { asAt: '2023-12-31', upTo: 1200, yearStart: '2023-04-01', warningWindowDays: 30, filters: {} });
 * ```
 */
export function readQuarterEndItems(ledger: Ledger, query: ItemQuery): QuarterEndItem[] {
  requireProjectionAt(ledger, query.upTo);
  const db = ledger.store.database;
  let statement = statements.get(db);
  if (statement === undefined) {
    statement = db.prepare(ITEMS_SQL);
    statements.set(db, statement);
  }
  const rows = statement.all({ asAt: query.asAt, upTo: query.upTo }) as Row[];
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
    percentComplete: row.percent_complete,
    status: row.status,
    derivedStatus: derivedStatusOf({ dueDate, closed }, query.asAt, query.warningWindowDays),
    open: closed === null,
    closed,
    lastComment:
      row.last_comment === null
        ? null
        : { text: row.last_comment, effectiveOn: row.last_comment_on as BusinessDate },
  };
}

/**
 * Throws unless the projection's checkpoint covers position `upTo` (or the log's head, if lower).
 *
 * @example
 * ```ts
 * requireProjectionAt(ledger, ledger.head().position);
 * ```
 */
export function requireProjectionAt(ledger: Ledger, upTo: number): void {
  const required = Math.min(upTo, ledger.head().position);
  const [status] = new ProjectionRunner(ledger, [quarterEndProjection]).status();
  if (status === undefined || status.state === 'missing' || status.state === 'outdated') {
    throw new QuarterEndNotReadyError(required, null);
  }
  if (status.position < required) throw new QuarterEndNotReadyError(required, status.position);
}
