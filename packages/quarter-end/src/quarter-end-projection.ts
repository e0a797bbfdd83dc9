import type { EventEnvelope, EventType, Projection, SqlDatabase } from '@perfledger/core';
import { factsOf } from './quarter-end-fact.js';

/**
 * The table every quarter-end query reads.
 *
 * @example
 * ```ts
 * ledger.store.database.prepare(`SELECT count(*) AS n FROM ${QUARTER_END_FACTS_TABLE}`).get();
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
]);

// WITHOUT ROWID: the primary key is the one B-tree, so "the latest fact for (code, field) as at
// E and as known at P" is a backwards range seek that never visits another structure. `value`
// is ANY in a STRICT table so that percentages stay integers and titles such as "2020" stay text.
// The partial index lists registrations only: the view's driving set, without scanning all facts.
const FACTS_SQL = `
CREATE TABLE ${QUARTER_END_FACTS_TABLE} (
  code TEXT NOT NULL,
  field TEXT NOT NULL,
  effective_on TEXT NOT NULL,
  position INTEGER NOT NULL,
  value ANY,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (code, field, effective_on, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX ${QUARTER_END_FACTS_TABLE}_registrations
  ON ${QUARTER_END_FACTS_TABLE} (code, effective_on, position) WHERE field = 'registered_on';
`;

/**
 * The `quarter_end` projection: a bitemporal fact table with one row per action field set by
 * each event (see `docs/projections/quarter-end.md`). Run it with core's `ProjectionRunner`;
 * query it with {@link quarterEndView} and {@link restatements}.
 *
 * @example
 * ```ts
 * import { ProjectionRunner } from '@perfledger/core';
 * new ProjectionRunner(ledger, [quarterEndProjection]).start();
 * const view = quarterEndView(ledger, { fy: '2023/24', quarter: 3 });
 * ```
 */
export const quarterEndProjection: Projection = Object.freeze({
  name: 'quarter_end',
  version: 1,
  eventTypes,
  tables: Object.freeze([{ name: QUARTER_END_FACTS_TABLE, sql: FACTS_SQL }]),
  handler(db: SqlDatabase) {
    // OR IGNORE: a fact is keyed by the event's position, so seeing an event twice is a no-op.
    const insert = db.prepare(
      `INSERT OR IGNORE INTO ${QUARTER_END_FACTS_TABLE} (code, field, effective_on, position, value, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    return (event: EventEnvelope) => {
      for (const fact of factsOf(event)) {
        insert.run(fact.code, fact.field, fact.effectiveOn, fact.position, fact.value, fact.recordedAt);
      }
    };
  },
});
