import type Database from 'better-sqlite3';

/** Runs a synchronous step on a store's connection, in one write transaction (joining an open one). */
export type ConnectionWrite = <T>(work: (db: Database.Database) => T) => Promise<T>;

const connections = new WeakMap<object, ConnectionWrite>();

/**
 * Records how to reach a store's connection, for the SQLite test seams only (writing events as an
 * older build would). Not exported from the package's main entry: nothing in production writes
 * behind the store's back.
 *
 * @example
 * ```ts
 * registerConnection(store, (work) => write(() => work(db)));
 * ```
 */
export function registerConnection(store: object, write: ConnectionWrite): void {
  connections.set(store, write);
}

/**
 * How to write through a SQLite store's own connection, or undefined when `store` is not one.
 *
 * @example
 * ```ts
 * await connectionOf(ledger.store)?.((db) => db.prepare('SELECT 1').get());
 * ```
 */
export function connectionOf(store: object): ConnectionWrite | undefined {
  return connections.get(store);
}
