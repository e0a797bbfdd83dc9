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
  prepare(sql: string): SqlStatement;
  exec(sql: string): unknown;
}

/** A prepared statement: run it, or read one row, all rows, or rows one at a time. */
export interface SqlStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
}
