import type { EventEnvelope, EventType, Projection, ProjectionRow, ProjectionTable } from '@perfledger/core';
import { factsOf } from './quarter-end-fact.js';

/**
 * The table every quarter-end query reads.
 *
 * @example
 * ```ts
 * await ledger.query.get(`SELECT count(*) AS n FROM ${QUARTER_END_FACTS_TABLE}`);
 * ```
 */
export const QUARTER_END_FACTS_TABLE = 'quarter_end_facts';

const eventTypes: readonly EventType[] = Object.freeze([
  'ActionRegistered',
  'ProgressUpdated',
  'StatusChanged',
  'DueDateRevised',
  'DueDateCorrected',
  'ActionClosed',
  'ActionReopened',
  'ActionDetailsAmended',
  'CommentAdded',
  'ReturnStated',
]);

/**
 * The declaration of `quarter_end_facts`, in column order: the values of each row follow it.
 * The primary key `(code, field, effective_on, position)` makes "the latest fact for (code,
 * field) as at E and as known at P" a backwards range seek on the key. `value` is `scalar` so
 * that percentages stay integers and titles such as "2020" stay text. The partial index lists
 * registrations only: the view's driving set, without scanning all facts.
 *
 * @example
 * ```ts
 * quarterEndFactsTable.columns.map((column) => column.name);
 * // ['code', 'field', 'effective_on', 'position', 'value', 'recorded_at']
 * ```
 */
export const quarterEndFactsTable: ProjectionTable = Object.freeze({
  name: QUARTER_END_FACTS_TABLE,
  columns: Object.freeze([
    { name: 'code', type: 'text' },
    { name: 'field', type: 'text' },
    { name: 'effective_on', type: 'text' },
    { name: 'position', type: 'integer' },
    { name: 'value', type: 'scalar', nullable: true },
    { name: 'recorded_at', type: 'text' },
  ] as const),
  primaryKey: Object.freeze(['code', 'field', 'effective_on', 'position']),
  indexes: Object.freeze([
    {
      name: `${QUARTER_END_FACTS_TABLE}_registrations`,
      columns: ['code', 'effective_on', 'position'],
      where: { field: 'registered_on' },
    },
  ]),
});

/**
 * The `quarter_end` projection: a bitemporal fact table with one row per action field set by
 * each event (see `docs/projections/quarter-end.md`). Pass it to `openLedger({ projections })`,
 * which keeps it up to date; query it with {@link quarterEndView} and {@link restatements}.
 * The rows of an event depend on the event alone ({@link factsOf}); a fact is keyed by the
 * event's position, so applying an event twice adds nothing.
 *
 * @example
 * ```ts
 * import { openLedger } from '@perfledger/sqlite';
 * const ledger = await openLedger({ file: 'plan.db', projections: [quarterEndProjection] });
 * const view = await quarterEndView(ledger, { fy: '2023/24', quarter: 3 });
 * ```
 */
export const quarterEndProjection: Projection = Object.freeze({
  name: 'quarter_end',
  // 2: declared tables (engine-neutral) instead of SQLite DDL.
  // 3: a registration's % complete is unknown (NULL), not 0; a reason that is the officer's
  // comment also sets last_comment.
  // 4: return statements (ReturnStated) set status, progress and comment, and mark `returned`.
  version: 4,
  eventTypes,
  tables: Object.freeze([quarterEndFactsTable]),
  rows(event: EventEnvelope): ProjectionRow[] {
    return factsOf(event).map((fact) => ({
      table: QUARTER_END_FACTS_TABLE,
      values: [fact.code, fact.field, fact.effectiveOn, fact.position, fact.value, fact.recordedAt],
    }));
  },
});
