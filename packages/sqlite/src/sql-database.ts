/**
 * The few things perfledger needs from a synchronous SQL connection, described structurally so
 * that nothing in the public API depends on better-sqlite3's own types (a better-sqlite3
 * `Database` satisfies it as it is). Projections receive this to maintain their tables.
 *
 * @example
 * ```ts
 * function countRows(db: SqlDatabase): number {
 *   return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
 * }
 * ```
 */
export interface SqlDatabase {
  /** Compiles one SQL statement; prepare once and run many times. */
  prepare(sql: string): SqlStatement;
  /** Runs one or more SQL statements that take no parameters and return no rows (DDL). */
  exec(sql: string): unknown;
}

/** A prepared statement: run it, or read one row, all rows, or rows one at a time. */
export interface SqlStatement {
  /** Executes the statement with the given parameters; says how many rows changed. */
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  /** The first row the statement returns, or undefined. */
  get(...params: unknown[]): unknown;
  /** Every row the statement returns. */
  all(...params: unknown[]): unknown[];
  /** The rows one at a time, without holding them all in memory. */
  iterate(...params: unknown[]): IterableIterator<unknown>;
}
