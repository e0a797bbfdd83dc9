/**
 * @packageDocumentation
 * SQLite helpers for tools in this repository that work on SQLite files directly (comparing
 * rebuilt projection tables, translating SQLite errors). Import from
 * `@perfledger/sqlite/internal`; these may change in any minor release.
 *
 * @example
 * ```ts
 * import { withScratchDatabase, exactColumns, decodeValue } from '@perfledger/sqlite/internal';
 * ```
 */

export { type Durability, type OpenDatabaseOptions, openDatabase } from './open-database.js';
export { createIndexSql, createTableSql, insertRowSql } from './projection-ddl.js';
export {
  type CompiledStatement,
  type CompilingDatabase,
  readOnlyDatabase,
} from './read-only-database.js';
export { leadingKeyword, refusalOf } from './read-only-statement.js';
export { APPLICATION_ID, MIGRATIONS } from './schema.js';
export { withScratchDatabase } from './scratch-database.js';
export type { SqlDatabase, SqlStatement } from './sql-database.js';
export { translateSqliteError } from './sqlite-errors.js';
export {
  compareValues,
  decodeValue,
  exactColumns,
  type JsonSqliteValue,
  jsonValue,
  quoteIdentifier,
  type SqliteValue,
  sameValue,
  showValue,
} from './sqlite-value.js';
