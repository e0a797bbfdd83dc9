import { REQUIRED_SNAPSHOT_COLUMNS, type SnapshotColumn, snapshotColumnOf } from './snapshot-columns.js';

/**
 * The columns a table reader (CSV or JSON) knows: which a file must have, how a header names
 * one, and what one row describes (for messages). The action snapshot and the indicator
 * snapshot share the readers, their limits and their problem reporting through this.
 *
 * @example
 * ```ts
 * const columns: TableColumns<'code' | 'value'> = { required: ['code', 'value'], columnOf: (h) => (h === 'code' || h === 'value' ? h : undefined), rowNoun: 'indicator and period' };
 * ```
 */
export interface TableColumns<C extends string> {
  readonly required: readonly C[];
  /** The canonical column a header names, or undefined when it names none. */
  readonly columnOf: (header: string) => C | undefined;
  /** What one row describes: "action", "indicator and period". */
  readonly rowNoun: string;
}

/** The action snapshot's columns: the readers' default. */
export const SNAPSHOT_TABLE_COLUMNS: TableColumns<SnapshotColumn> = Object.freeze({
  required: REQUIRED_SNAPSHOT_COLUMNS,
  columnOf: snapshotColumnOf,
  rowNoun: 'action',
});
