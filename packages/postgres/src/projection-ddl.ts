import { ValidationError } from '@perfledger/core';
import type { ProjectionColumnType, ProjectionIndex, ProjectionTable } from '@perfledger/core/internal';

/**
 * The PostgreSQL type of each declared column type. `scalar` is `jsonb`: a JSON number or a JSON
 * string, so 58 stays a number and '58' stays text (SQLite's `ANY` in a STRICT table), and the
 * query port compares it with a number or a text parameter through the operators of
 * {@link scalarOperatorsSql}. Text is compared in byte order ("C"), as on SQLite.
 */
const PG_TYPE: Readonly<Record<ProjectionColumnType, string>> = {
  text: 'text COLLATE "C"',
  integer: 'bigint',
  real: 'double precision',
  scalar: 'jsonb',
};

const NAME = /^[a-z][a-z0-9_]*$/;

/** Names the ledger's own tables use: a projection table may not take one. */
const RESERVED = new Set([
  'events',
  'ledger_head',
  'ledger_meta',
  'projection_checkpoints',
  'schema_migrations',
]);

/**
 * Checks a declared table before any DDL is built from it: names of lowercase letters, digits and
 * underscores (at most 63, PostgreSQL's limit; not `pg_…` nor one of the ledger's own tables),
 * known column types, and keys and indexes that name its columns.
 *
 * @example
 * ```ts
 * checkTable({ name: 'Bad Name', columns: [], primaryKey: [] }); // throws ValidationError
 * ```
 */
export function checkTable(table: ProjectionTable): void {
  const problems: string[] = [];
  const name = String(table?.name);
  if (!NAME.test(name) || name.length > 63 || name.startsWith('pg_') || RESERVED.has(name))
    problems.push(`table name '${name}' is not lowercase letters, digits and underscores`);
  const columns = new Set<string>();
  for (const column of Array.isArray(table?.columns) ? table.columns : []) {
    if (!NAME.test(String(column?.name)) || String(column?.name).length > 63)
      problems.push(`column name '${String(column?.name)}' is not lowercase letters, digits and underscores`);
    if (!(column?.type in PG_TYPE))
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
    if (!NAME.test(String(index?.name)) || String(index?.name).length > 63)
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
 * The `CREATE TABLE` of a declared table in a ledger's schema: NOT NULL unless `nullable`, its
 * primary key and unique keys. A scalar column may hold only a JSON number or string.
 *
 * @example
 * ```ts
 * createTableSql('perfledger_x', { name: 'notes', columns: [{ name: 'position', type: 'integer' }], primaryKey: ['position'] });
 * // CREATE TABLE "perfledger_x"."notes" ("position" bigint NOT NULL, PRIMARY KEY ("position"))
 * ```
 */
export function createTableSql(schema: string, table: ProjectionTable): string {
  const parts = table.columns.map((column) => {
    const check =
      column.type === 'scalar'
        ? ` CHECK (jsonb_typeof(${quoteIdentifier(column.name)}) IN ('number', 'string'))`
        : '';
    return `${quoteIdentifier(column.name)} ${PG_TYPE[column.type]}${column.nullable ? '' : ' NOT NULL'}${check}`;
  });
  if (table.primaryKey.length > 0) parts.push(`PRIMARY KEY (${columnList(table.primaryKey)})`);
  for (const key of table.unique ?? []) parts.push(`UNIQUE (${columnList(key)})`);
  return `CREATE TABLE ${quoteIdentifier(schema)}.${quoteIdentifier(table.name)} (${parts.join(', ')})`;
}

/**
 * The `CREATE INDEX IF NOT EXISTS` of a declared secondary index; a `where` makes it partial, on
 * rows whose columns equal the given text values.
 *
 * @example
 * ```ts
 * createIndexSql('perfledger_x', 'events_log', { name: 'open_only', columns: ['code'], where: { state: 'open' } });
 * ```
 */
export function createIndexSql(schema: string, table: string, index: ProjectionIndex): string {
  const where = Object.entries(index.where ?? {}).map(
    ([column, value]) => `${quoteIdentifier(column)} = '${String(value).replaceAll("'", "''")}'`,
  );
  return `CREATE INDEX IF NOT EXISTS ${quoteIdentifier(index.name)} ON ${quoteIdentifier(schema)}.${quoteIdentifier(table)} (${columnList(index.columns)})${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`;
}

/**
 * The `INSERT … ON CONFLICT DO NOTHING` of a declared table for `rowCount` rows, values in
 * column order (`$1`, `$2`, … row after row): a row whose primary key or a unique key is present
 * already, or repeats an earlier row of the statement, is skipped, exactly as when the rows are
 * inserted one by one. Scalar values arrive as JSON text.
 *
 * @example
 * ```ts
 * await client.query(insertRowSql('perfledger_x', table, 2), [...first, ...second]);
 * ```
 */
export function insertRowSql(schema: string, table: ProjectionTable, rowCount = 1): string {
  const width = table.columns.length;
  const tuples: string[] = [];
  for (let r = 0; r < rowCount; r++) {
    const values = table.columns.map(
      (column, i) => `$${r * width + i + 1}${column.type === 'scalar' ? '::jsonb' : ''}`,
    );
    tuples.push(`(${values.join(', ')})`);
  }
  return `INSERT INTO ${quoteIdentifier(schema)}.${quoteIdentifier(table.name)} (${columnList(table.columns.map((c) => c.name))}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`;
}

/**
 * Operators in a ledger's schema that compare a `scalar` (jsonb) column with a text, integer or
 * double parameter of the query port, as SQLite compares a value of an `ANY` column: a number
 * equals only a number and text only text, and numbers order before text.
 *
 * @example
 * ```ts
 * await client.script(scalarOperatorsSql('perfledger_x'));
 * ```
 */
export function scalarOperatorsSql(schema: string): string {
  const s = quoteIdentifier(schema);
  const statements: string[] = [];
  const ops: readonly [string, string, string][] = [
    ['=', 'eq', '='],
    ['<>', 'ne', '<>'],
    ['<', 'lt', '<'],
    ['<=', 'le', '<='],
    ['>', 'gt', '>'],
    ['>=', 'ge', '>='],
  ];
  for (const [type, suffix] of [
    ['text', 'text'],
    ['integer', 'int4'],
    ['bigint', 'int8'],
    ['double precision', 'float8'],
  ] as const) {
    for (const [op, name, jsonbOp] of ops) {
      const fn = `${s}.scalar_${name}_${suffix}`;
      statements.push(
        `CREATE FUNCTION ${fn}(jsonb, ${type}) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT $1 ${jsonbOp} to_jsonb($2) $$`,
        `CREATE OPERATOR ${s}.${op} (LEFTARG = jsonb, RIGHTARG = ${type}, FUNCTION = ${fn})`,
      );
    }
  }
  return statements.map((statement) => `${statement};`).join('\n');
}

function columnList(columns: readonly string[]): string {
  return columns.map(quoteIdentifier).join(', ');
}

/**
 * Double-quotes an SQL identifier (a schema, table, column or index name), doubling any quote in it.
 *
 * @example
 * ```ts
 * quoteIdentifier('audit_trail'); // '"audit_trail"'
 * ```
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
