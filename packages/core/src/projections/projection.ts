import type { EventEnvelope, EventType } from '../events/index.js';
import type { SqlDatabase } from '../store/sql-database.js';

/** A table a projection owns: its name, and the SQL that creates it (and its indexes). */
export interface ProjectionTable {
  readonly name: string;
  readonly sql: string;
}

/** Applies one event to a projection's tables. Runs inside a transaction. */
export type ProjectionHandler = (event: EventEnvelope) => void;

/**
 * A read model derived from the log and stored as plain SQLite tables. It must be a function of
 * the events it is given, in position order, and of nothing else: then incremental processing
 * and a full rebuild give the same rows, which the runtime's property tests check.
 *
 * @example
 * ```ts
 * const commentCount: Projection = {
 *   name: 'comment_count',
 *   version: 1,
 *   eventTypes: ['CommentAdded'],
 *   tables: [{ name: 'comment_count', sql: 'CREATE TABLE comment_count (stream TEXT PRIMARY KEY, n INTEGER NOT NULL)' }],
 *   handler: (db) => {
 *     const bump = db.prepare('INSERT INTO comment_count VALUES (?, 1) ON CONFLICT (stream) DO UPDATE SET n = n + 1');
 *     return (event) => void bump.run(event.stream);
 *   },
 * };
 * ```
 */
export interface Projection {
  /** Unique; lowercase letters, digits and underscores. */
  readonly name: string;
  /** Bump it when the tables or the handler change: the runtime then rebuilds automatically. */
  readonly version: number;
  /** The event types it handles; all when omitted. Others are skipped without being read. */
  readonly eventTypes?: readonly EventType[];
  /** The tables it owns; dropped and recreated on rebuild. */
  readonly tables: readonly ProjectionTable[];
  /** Prepares statements once (after the tables exist) and returns the per-event handler. */
  handler(db: SqlDatabase): ProjectionHandler;
}
