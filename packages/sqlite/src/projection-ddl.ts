import { ValidationError } from '@perfledger/core';
import type { ProjectionColumnType, ProjectionIndex, ProjectionTable } from '@perfledger/core/internal';

const SQLITE_TYPE: Readonly<Record<ProjectionColumnType, string>> = {
  text: 'TEXT',
  integer: 'INTEGER',
  real: 'REAL',
  // ANY in a STRICT table keeps each value's own class: 58 stays an integer, '2020' stays text.
  scalar: 'ANY',
};

const NAME = /^[a-z][a-z0-9_]*$/;

/**
 * Checks a declared table before any DDL is built from it: names of lowercase letters, digits and
 * underscores (not `sqlite_…`), known column types, and keys and indexes that name its columns.
 *
 * @example
 * ```ts
 * checkTable({ name: 'Bad Name', columns: [], primaryKey: [] }); // throws ValidationError
 * ```
 */
export function checkTable(table: ProjectionTable): void {
  const problems: string[] = [];
  const name = String(table?.name);
  if (!NAME.test(name) || name.startsWith('sqlite_'))
    problems.push(`table name '${name}' is not lowercase letters, digits and underscores`);
  const columns = new Set<string>();
  for (const column of Array.isArray(table?.columns) ? table.columns : []) {
    if (!NAME.test(String(column?.name)))
      problems.push(`column name '${String(column?.name)}' is not lowercase letters, digits and underscores`);
    if (!(column?.type in SQLITE_TYPE))
      problems.push(
        `column '${String(column?.name)}' has type '${String(column?.type)}', not text, integer, real or scalar`,
      );
    if (columns.has(column?.name)) problems.push(`column '${column.name}' is declared twice`);
    columns.add(column?.name);
  }
  if (columns.size === 0) problems.push('it has no columns');
  const keys: readonly (readonly string[])[] = [table?.primaryKey ?? [], ...(table?.unique ?? [])];
  for (const key of keys) {
    for (const column of key)
      if (!columns.has(column)) problems.push(`key column '${column}' is not a column`);
  }
  for (const index of table?.indexes ?? []) {
    if (!NAME.test(String(index?.name)))
      problems.push(`index name '${String(index?.name)}' is not lowercase letters, digits and underscores`);
    for (const column of [...(index?.columns ?? []), ...Object.keys(index?.where ?? {})]) {
      if (!columns.has(column)) problems.push(`index '${index.name}' names '${column}', not a column`);
    }
  }
  if (problems.length > 0) {
    throw new ValidationError(
      `The projection table '${name}' cannot be created: ${problems.join('; ')}.`,
      problems.map((message) => ({ path: ['tables', name], message })),
    );
  }
}

/**
 * The `CREATE TABLE` of a declared table: a STRICT table (so a value of the wrong class is
 * refused, not converted), NOT NULL unless `nullable`, its primary key and unique keys, and
 * `WITHOUT ROWID` when it has a primary key (the rows are stored in key order, with no second
 * b-tree for a rowid).
 *
 * @example
 * ```ts
 * createTableSql({ name: 'notes', columns: [{ name: 'position', type: 'integer' }], primaryKey: ['position'] });
 * // CREATE TABLE "notes" ("position" INTEGER NOT NULL, PRIMARY KEY ("position")) STRICT, WITHOUT ROWID
 * ```
 */
export function createTableSql(table: ProjectionTable): string {
  const parts = table.columns.map(
    (column) =>
      `${quoteIdentifier(column.name)} ${SQLITE_TYPE[column.type]}${column.nullable ? '' : ' NOT NULL'}`,
  );
  if (table.primaryKey.length > 0) parts.push(`PRIMARY KEY (${columnList(table.primaryKey)})`);
  for (const key of table.unique ?? []) parts.push(`UNIQUE (${columnList(key)})`);
  const options = table.primaryKey.length > 0 ? 'STRICT, WITHOUT ROWID' : 'STRICT';
  return `CREATE TABLE ${quoteIdentifier(table.name)} (${parts.join(', ')}) ${options}`;
}

/**
 * The `CREATE INDEX IF NOT EXISTS` of a declared secondary index; a `where` makes it partial, on
 * rows whose columns equal the given text values.
 *
 * @example
 * ```ts
 * createIndexSql('events_log', { name: 'open_only', columns: ['code'], where: { state: 'open' } });
 * // CREATE INDEX IF NOT EXISTS "open_only" ON "events_log" ("code") WHERE "state" = 'open'
 * ```
 */
export function createIndexSql(table: string, index: ProjectionIndex): string {
  const where = Object.entries(index.where ?? {}).map(
    ([column, value]) => `${quoteIdentifier(column)} = '${String(value).replaceAll("'", "''")}'`,
  );
  return `CREATE INDEX IF NOT EXISTS ${quoteIdentifier(index.name)} ON ${quoteIdentifier(table)} (${columnList(index.columns)})${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`;
}

/**
 * The `INSERT OR IGNORE` of a declared table, values in column order: a row whose primary key or
 * a unique key is present already is skipped, so applying an event twice changes nothing. With
 * `rowCount` above 1 it inserts that many rows per statement (`VALUES (…), (…)`), their values
 * one after another; each row is still skipped on its own, a duplicate of an earlier row of the
 * same statement included, exactly as when they are inserted one by one.
 *
 * @example
 * ```ts
 * db.prepare(insertRowSql(table)).run(values);
 * db.prepare(insertRowSql(table, 2)).run([...first, ...second]);
 * ```
 */
export function insertRowSql(table: ProjectionTable, rowCount = 1): string {
  const tuple = `(${table.columns.map(() => '?').join(', ')})`;
  return `INSERT OR IGNORE INTO ${quoteIdentifier(table.name)} (${columnList(table.columns.map((c) => c.name))}) VALUES ${Array.from({ length: rowCount }, () => tuple).join(', ')}`;
}

function columnList(columns: readonly string[]): string {
  return columns.map(quoteIdentifier).join(', ');
}

/**
 * Double-quotes an SQL identifier (a table, column or index name), doubling any quote in it.
 *
 * @example
 * ```ts
 * quoteIdentifier('audit_trail'); // '"audit_trail"'
 * ```
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
