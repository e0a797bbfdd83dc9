/**
 * @packageDocumentation
 * PostgreSQL helpers for tools in this repository (the bench's raw baselines, the concurrency
 * tests, the CLI's copy): the session seam the store runs on, the DDL it generates, the
 * migrations, the placeholder translation of the query port, the error mapping. Import from
 * `@perfledger/postgres/internal`; these may change in any minor release.
 *
 * @example
 * ```ts
 * import { openPostgresStore, poolConnector } from '@perfledger/postgres/internal';
 * ```
 */

export { migrateLedger } from './migrate.js';
export { translatePgError } from './postgres-errors.js';
export { type OpenPostgresStoreOptions, openPostgresStore } from './postgres-store-factory.js';
export { checkStoreOptions } from './postgres-store-options.js';
export {
  createIndexSql,
  createTableSql,
  insertRowSql,
  quoteIdentifier,
  scalarOperatorsSql,
} from './projection-ddl.js';
export { castOf, type TranslatedSql, translatePlaceholders } from './query-sql.js';
export { bootstrapSql, checkLedgerName, MIGRATIONS } from './schema.js';
export {
  parseInt8,
  poolConnector,
  type SqlClient,
  type SqlConnector,
  type SqlResult,
  TYPE_PARSERS,
} from './sql-client.js';
