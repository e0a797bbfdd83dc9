import type { EventEnvelope, EventType } from '../events/index.js';
import type { EventFact, SqlValue } from '../store/event-store.js';

/**
 * A column's type, portable across engines: `text`, `integer` (64-bit), `real`, or `scalar` (a
 * text or integer value kept as it came: `58` stays a number and `'2020'` stays text).
 */
export type ProjectionColumnType = 'text' | 'integer' | 'real' | 'scalar';

/** One column of a projection table. Columns are NOT NULL unless `nullable`. */
export interface ProjectionColumn {
  readonly name: string;
  readonly type: ProjectionColumnType;
  readonly nullable?: boolean;
}

/** A secondary index; `where` makes it partial (rows whose columns equal the given text values). */
export interface ProjectionIndex {
  readonly name: string;
  readonly columns: readonly string[];
  readonly where?: Readonly<Record<string, string>>;
}

/**
 * A table a projection owns, declared rather than written as SQL, so that every engine can create
 * it in its own dialect. Rows are inserted only (projection tables are append-only fact tables):
 * a row whose primary key or a unique key is already present is skipped, so applying an event
 * twice changes nothing.
 *
 * @example
 * ```ts
 * const comments: ProjectionTable = {
 *   name: 'comment_log',
 *   columns: [{ name: 'position', type: 'integer' }, { name: 'code', type: 'text' }, { name: 'comment', type: 'text' }],
 *   primaryKey: ['position'],
 *   indexes: [{ name: 'comment_log_by_code', columns: ['code', 'position'] }],
 * };
 * ```
 */
export interface ProjectionTable {
  /** Unique among all projections; lowercase letters, digits and underscores. */
  readonly name: string;
  readonly columns: readonly ProjectionColumn[];
  readonly primaryKey: readonly string[];
  readonly unique?: readonly (readonly string[])[];
  readonly indexes?: readonly ProjectionIndex[];
}

/** One row for one of the projection's tables: values in the table's column order. */
export interface ProjectionRow {
  readonly table: string;
  readonly values: readonly SqlValue[];
}

/**
 * A read model derived from the log and stored as plain tables. It is a pure function: the rows
 * for an event depend only on the event and, when `history` is set, on the events before it in
 * its stream. It holds no connection; the ledger's engine creates the tables and writes the rows.
 * Then incremental processing and a full rebuild give the same rows, which the property tests
 * check on every engine.
 *
 * @example
 * ```ts
 * const commentLog: Projection = {
 *   name: 'comment_log',
 *   version: 1,
 *   eventTypes: ['CommentAdded'],
 *   tables: [comments],
 *   rows: (event) => event.type === 'CommentAdded'
 *     ? [{ table: 'comment_log', values: [event.position, event.stream.slice(7), event.data.comment] }]
 *     : [],
 * };
 * ```
 */
export interface Projection {
  /** Unique; lowercase letters, digits and underscores. */
  readonly name: string;
  /** Bump it when the tables or the rows change: the ledger then rebuilds automatically. */
  readonly version: number;
  /** The event types it handles; all when omitted. Others are skipped without being read. */
  readonly eventTypes?: readonly EventType[];
  /** The tables it owns; dropped and recreated on rebuild. */
  readonly tables: readonly ProjectionTable[];
  /**
   * True when {@link Projection.rows} needs the earlier events of the event's stream (of every
   * type, in stream order); they are passed as its second argument. Otherwise it gets `[]`.
   */
  readonly history?: boolean;
  /** The rows one event adds. */
  rows(event: EventEnvelope, history: readonly EventFact[]): Iterable<ProjectionRow>;
}
