import type { SnapshotColumn } from './snapshot-columns.js';
import type { SnapshotProblem } from './snapshot-problem.js';

/** One data row of a snapshot with its cells keyed by canonical column, before any cell is read. */
export interface SnapshotRecord<C extends string = SnapshotColumn> {
  /** The row number users see (see {@link SnapshotProblem.row}). */
  readonly row: number;
  readonly cells: ReadonlyMap<C, string>;
}

/** What a format reader (CSV, JSON) hands to the cell readers: records, and problems of shape. */
export interface SnapshotTable<C extends string = SnapshotColumn> {
  readonly records: readonly SnapshotRecord<C>[];
  readonly problems: readonly SnapshotProblem[];
}
