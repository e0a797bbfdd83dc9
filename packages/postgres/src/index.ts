/**
 * @packageDocumentation
 * perfledger's PostgreSQL engine: the event store port of `@perfledger/core` on node-postgres
 * (`pg`) with a pool, several ledgers in one database (a schema each), and `openLedger`.
 *
 * @example
 * ```ts
 * import { openLedger } from '@perfledger/postgres';
 * const ledger = await openLedger({ connectionString: 'postgres://app@db/plans', ledger: 'broxtowe', projections: [quarterEndProjection] });
 * ```
 */

export { type LedgerOptions, type OpenLedgerOptions, openLedger, openReadonlyLedger } from './open-ledger.js';
export { PostgresStore } from './postgres-store.js';
export { postgresStore } from './postgres-store-factory.js';
export { POSTGRES_STORE_OPTION_KEYS, type PostgresStoreOptions } from './postgres-store-options.js';
export { DEFAULT_LEDGER, ledgerGrantsSql, SCHEMA_VERSION, schemaOf } from './schema.js';
