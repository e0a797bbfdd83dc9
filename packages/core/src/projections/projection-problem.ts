import type { JsonProjectionValue } from './projection-value.js';

/**
 * What is wrong with a projection, as a stable code:
 * - `PROJECTION_MISSING`: the ledger has no checkpoint for it: it was never built here;
 * - `PROJECTION_OUTDATED`: its checkpoint is of another version of the projection;
 * - `PROJECTION_REBUILDING`: a rebuild of it was interrupted (state `rebuilding`);
 * - `PROJECTION_BEHIND`: its checkpoint is behind the head, so its tables miss the latest events;
 * - `PROJECTION_AHEAD`: its checkpoint claims events beyond the head, which the log does not hold;
 * - `PROJECTION_TABLE_MISSING`: a table it declares is not in the database;
 * - `PROJECTION_TABLE_SHAPE`: a table's columns are not the ones the projection declares (one
 *   dropped, renamed or added); column types are not compared (no portable SQL describes a
 *   table), but a value of another kind shows as a changed row;
 * - `PROJECTION_ROW_MISSING`: a rebuild from the log has a row the live table lacks (deleted);
 * - `PROJECTION_ROW_EXTRA`: the live table has a row no rebuild produces (inserted);
 * - `PROJECTION_ROW_CHANGED`: a row with the same key holds other values (updated).
 *
 * @example
 * ```ts
 * const tampered = result.problems.some((p: ProjectionProblem) => p.code.startsWith('PROJECTION_ROW_'));
 * ```
 */
export type ProjectionProblemCode =
  | 'PROJECTION_MISSING'
  | 'PROJECTION_OUTDATED'
  | 'PROJECTION_REBUILDING'
  | 'PROJECTION_BEHIND'
  | 'PROJECTION_AHEAD'
  | 'PROJECTION_TABLE_MISSING'
  | 'PROJECTION_TABLE_SHAPE'
  | 'PROJECTION_ROW_MISSING'
  | 'PROJECTION_ROW_EXTRA'
  | 'PROJECTION_ROW_CHANGED';

/**
 * A row's values by column, as JSON carries them (see {@link JsonProjectionValue}).
 *
 * @example
 * ```ts
 * const key: ProjectionRowValues = { position: 42 };
 * ```
 */
export type ProjectionRowValues = Readonly<Record<string, JsonProjectionValue>>;

/**
 * One thing wrong with a projection's tables, with a sentence that says what and where. Row
 * problems name the table, the row's key, and the live and rebuilt values.
 *
 * @example
 * ```ts
 * for (const { code, message } of result.problems) console.error(`[${code}] ${message}`);
 * ```
 */
export interface ProjectionProblem {
  readonly code: ProjectionProblemCode;
  readonly message: string;
  readonly projection: string;
  readonly table?: string;
  /** The row's primary key. */
  readonly key?: ProjectionRowValues;
  /** The row as the live table holds it (absent when it is missing there). */
  readonly live?: ProjectionRowValues;
  /** The row as a rebuild from the log produces it (absent when no rebuild produces it). */
  readonly rebuilt?: ProjectionRowValues;
}

/**
 * The verdict on one projection: where its checkpoint stands, and each of its tables compared.
 *
 * @example
 * ```ts
 * for (const v of result.projections) console.log(v.name, v.position, v.tables.map((t) => `${t.name}: ${t.rows}`));
 * ```
 */
export interface ProjectionVerdict {
  readonly name: string;
  readonly version: number;
  /** The checkpoint's position (0 when there is none). */
  readonly position: number;
  readonly state: 'ready' | 'rebuilding' | 'missing' | 'outdated';
  /** True when its checkpoint is ready at the head and every table equals its rebuild. */
  readonly ok: boolean;
  /** Each declared table: the rows that matched (all of them when it equals its rebuild), or not compared. */
  readonly tables: readonly { readonly name: string; readonly rows: number; readonly compared: boolean }[];
  readonly problems: readonly ProjectionProblem[];
}

/**
 * The outcome of {@link verifyProjections}.
 *
 * @example
 * ```ts
 * const result = await verifyProjections(ledger);
 * if (!result.ok) for (const problem of result.problems) console.error(problem.message);
 * ```
 */
export interface ProjectionVerification {
  /** True when every projection is ready at the head and equals a rebuild from the log. */
  readonly ok: boolean;
  /** The log's head when the projections were read (the check is repeated if the ledger moved meanwhile). */
  readonly head: number;
  /** Events read from the log to rebuild them. */
  readonly eventsRead: number;
  readonly projections: readonly ProjectionVerdict[];
  /** Every projection's problems, in projection and table order. */
  readonly problems: readonly ProjectionProblem[];
}
