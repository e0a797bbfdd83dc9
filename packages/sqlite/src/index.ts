/**
 * @packageDocumentation
 * perfledger's SQLite engine: the event store port of `@perfledger/core` on one better-sqlite3
 * connection to a file in WAL mode, and `openLedger`, the embedded default.
 *
 * @example
 * ```ts
 * import { openLedger } from '@perfledger/sqlite';
 * const ledger = await openLedger({ file: 'plan.db', projections: [quarterEndProjection] });
 * ```
 */

export type { Durability } from './open-database.js';
export { type LedgerOptions, type OpenLedgerOptions, openLedger, openReadonlyLedger } from './open-ledger.js';
export { OLDEST_READABLE_SCHEMA_VERSION, SCHEMA_VERSION } from './schema.js';
export { SqliteStore } from './sqlite-store.js';
export { sqliteStore } from './sqlite-store-factory.js';
export { SQLITE_STORE_OPTION_KEYS, type SqliteStoreOptions } from './sqlite-store-options.js';
