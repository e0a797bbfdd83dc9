/**
 * @packageDocumentation
 * SQLite helpers for tools in this repository that work on SQLite files directly (the bench's
 * raw baselines, fault tests): the DDL the engine generates for declared projection tables, the
 * schema migrations, the read-only statement classifier, the mapping of SQLite errors to typed
 * ledger errors. Import from `@perfledger/sqlite/internal`; these may change in any minor release.
 *
 * @example
 * ```ts
 * import { createTableSql, quoteIdentifier } from '@perfledger/sqlite/internal';
 * ```
 */

export { buildStoredTree, MERKLE_SCHEMA_VERSION, SqliteMerkleNodes } from './merkle-nodes.js';
export { type Durability, type OpenDatabaseOptions, openDatabase } from './open-database.js';
export { createIndexSql, createTableSql, insertRowSql, quoteIdentifier } from './projection-ddl.js';
export { leadingKeyword, refusalOf } from './read-only-statement.js';
export { APPLICATION_ID, MIGRATIONS } from './schema.js';
export { translateSqliteError } from './sqlite-errors.js';
